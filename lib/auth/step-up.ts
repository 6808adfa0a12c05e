import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/connect';
import { stepUps, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/errors';
import { authenticationResponseSchema } from '@/lib/passkeys/schemas';
import { verifyPasskeyAssertion } from '@/lib/passkeys/verify-assertion';
import type { UserActor } from './session';
import { hasSecondFactor, verifySecondFactor } from './second-factor';
import { verifyPassword } from './password';
import { optionalPasswordSchema, secondFactorCodeSchema } from './schemas';

// Step-up ("sudo mode"): a change to how the account is recovered needs a proof of identity from the
// last few minutes, in this very session. A stolen session cookie alone then cannot add the thief's
// address, verify it, make it the recovery address, or remove the owner's.

export const STEP_UP_WINDOW_MS = 10 * 60_000;

export const STEP_UP_MESSAGE =
  'Confirm it is you first: enter your password or a two-factor code. We ask again after 10 minutes.';

/**
 * Changes to the second factor itself (adding or removing a passkey, setting up an app) need a proof
 * made with the second factor when the account has one: a password someone else learned must not be
 * enough to add their own way in, or to strip the owner's.
 */
export const FACTOR_STEP_UP_MESSAGE =
  'Confirm it is you with your second factor first: use a passkey, or a code from your authenticator app (or a recovery code).';

/** Proofs made with a second factor: a code or passkey at a step-up, or a sign-in that asked for one. */
const FACTOR_PROOFS = ['second_factor', 'passkey', 'sign_in_second_factor'];

export type StepUpLevel = true | 'second_factor';

export const proveIdentitySchema = z.object({
  password: optionalPasswordSchema,
  code: secondFactorCodeSchema,
  /** A passkey's answer to a step-up challenge (lib/passkeys/step-up-options.ts). */
  assertion: authenticationResponseSchema.optional(),
});

/**
 * A passkey's answer is checked before the transaction, with its own commits: the challenge is spent
 * and a cloned key's counter is recorded even though the step-up itself is then refused.
 */
export async function preparePasskeyProof({
  ctx,
  input,
}: {
  ctx: { db: Db; actor: UserActor; now: Date };
  input: z.output<typeof proveIdentitySchema>;
}): Promise<{ passkeyOk: boolean } | null> {
  if (!input.assertion || !ctx.actor.session) return null;
  const checked = await verifyPasskeyAssertion(ctx.db, {
    response: input.assertion,
    purpose: 'step_up',
    userId: ctx.actor.id,
    boundTo: ctx.actor.session.id,
    now: ctx.now,
  });
  if (!checked.ok && checked.why === 'counter_regression')
    await recordAudit(ctx.db, ctx.actor, {
      action: 'passkey.counter_regression',
      targetType: 'user',
      targetId: ctx.actor.id,
      details: { passkeyId: checked.passkey?.id, stored: checked.passkey?.counter, presented: checked.counter },
    });
  return { passkeyOk: checked.ok };
}

/** When this session last proved its owner's identity (its sign-in, or a step-up), or null. */
export async function lastProofAt(db: DbOrTx, actor: UserActor): Promise<Date | null> {
  if (!actor.session) return null;
  const [row] = await db
    .select({ at: stepUps.provedAt })
    .from(stepUps)
    .where(and(eq(stepUps.sessionId, actor.session.id), eq(stepUps.userId, actor.id)));
  return row?.at ?? null;
}

/**
 * A sign-in checked the password (and the second factor, if on): the new session's first proof.
 * `secondFactor`: the sign-in passed a second factor (a code, or a passkey, alone or after the password).
 */
export async function recordSignInProof(
  db: DbOrTx,
  proof: { sessionId: string; userId: number; now: Date; secondFactor?: boolean },
): Promise<void> {
  const method = proof.secondFactor ? 'sign_in_second_factor' : 'sign_in';
  await db
    .insert(stepUps)
    .values({ sessionId: proof.sessionId, userId: proof.userId, method, provedAt: proof.now })
    .onConflictDoNothing({ target: stepUps.sessionId });
}

/** Proved within the window (and not stamped in the future beyond a minute of clock skew). */
const isFresh = (at: Date | null, now: Date) =>
  at !== null && now.getTime() - at.getTime() <= STEP_UP_WINDOW_MS && at.getTime() <= now.getTime() + 60_000;

export async function hasFreshProof(db: DbOrTx, actor: UserActor, now: Date): Promise<boolean> {
  return isFresh(await lastProofAt(db, actor), now);
}

/** In one read: the session's proof (when and how), and whether the account has a second factor. */
async function proofAndFactor(db: DbOrTx, actor: UserActor) {
  const [row] = await db
    .select({
      provedAt: stepUps.provedAt,
      method: stepUps.method,
      totpEnabled: users.totpEnabled,
      passkeyCount: users.passkeyCount,
    })
    .from(users)
    .leftJoin(stepUps, and(eq(stepUps.sessionId, actor.session?.id ?? ''), eq(stepUps.userId, users.id)))
    .where(eq(users.id, actor.id));
  return {
    provedAt: row?.provedAt ?? null,
    method: row?.method ?? null,
    hasFactor: row ? hasSecondFactor(row) : false,
  };
}

/**
 * The action wrapper's check: refused with `step_up_required`, which the page answers with a prompt.
 * At level 'second_factor', an account with a second factor must have proved itself with it; the
 * refusal then carries field `proof`, so the prompt asks for the factor and not the password.
 */
export async function assertFreshProof(db: DbOrTx, actor: UserActor, now: Date, level: StepUpLevel = true) {
  if (level !== 'second_factor') {
    if (!(await hasFreshProof(db, actor, now))) throw new AppError('step_up_required', STEP_UP_MESSAGE);
    return;
  }
  const proof = await proofAndFactor(db, actor);
  const fresh = isFresh(proof.provedAt, now);
  if (!proof.hasFactor) {
    if (!fresh) throw new AppError('step_up_required', STEP_UP_MESSAGE);
    return;
  }
  if (!fresh || !FACTOR_PROOFS.includes(proof.method ?? ''))
    throw new AppError('step_up_required', FACTOR_STEP_UP_MESSAGE, { proof: 'second_factor' });
}

/**
 * Checks the password or a second-factor code (a TOTP step or recovery code is used up as at
 * sign-in) and records the proof for this session. A wrong answer changes nothing but the counter
 * of the action's rate limit.
 */
export async function proveIdentity({
  ctx,
  input,
}: {
  ctx: { tx: DbOrTx; actor: UserActor; now: Date; prepared?: { passkeyOk: boolean } | null };
  input: z.output<typeof proveIdentitySchema>;
}) {
  const { tx, actor, now } = ctx;
  if (!actor.session) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  if (!input.password && !input.code && !input.assertion)
    throw new AppError('invalid_input', 'Enter your password or a two-factor code.', { password: 'required' });
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  let method: 'password' | 'second_factor' | 'passkey';
  if (input.assertion) {
    if (!ctx.prepared?.passkeyOk)
      throw new AppError('invalid_input', 'That passkey did not confirm it is you. Try again, or use your password.', {
        assertion: 'refused',
      });
    method = 'passkey';
  } else if (input.code) {
    // Recovery codes come with a passkey too, so a code is a proof whenever some second factor is on.
    if (!user.totpEnabled && user.recoveryCodeHashes.length === 0)
      throw new AppError(
        'invalid_input',
        'Two-factor authentication is not on for your account: enter your password.',
        { code: 'not enrolled' },
      );
    if (!(await verifySecondFactor(tx, user, input.code)))
      throw new AppError(
        'invalid_input',
        'That code did not work. Codes can be used once; type the one your app shows now.',
        { code: 'wrong code' },
      );
    method = 'second_factor';
  } else {
    if (!(await verifyPassword(input.password ?? '', user.passwordHash)))
      throw new AppError('invalid_input', 'That password is not right.', { password: 'wrong password' });
    method = 'password';
  }
  await tx
    .insert(stepUps)
    .values({ sessionId: actor.session.id, userId: actor.id, method, provedAt: now })
    .onConflictDoUpdate({ target: stepUps.sessionId, set: { method, provedAt: now, userId: actor.id } });
  await recordAudit(tx, actor, { action: 'auth.step_up', targetType: 'user', targetId: actor.id, details: { method } });
  return { provedAt: now.toISOString(), method };
}
