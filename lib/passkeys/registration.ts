import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { passkeys, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { newRecoveryCodes } from '@/lib/twofactor/recovery-codes';
import { CEREMONY_TIMEOUT_MS, claimedChallenge, consumeChallenge, storeChallenge } from './challenges';
import { relyingParty, userHandle } from './relying-party';
import type { registerPasskeySchema } from './schemas';

/** Enough for a phone, a laptop and two security keys, with room to spare. */
export const MAX_PASSKEYS = 10;
const TOO_MANY = `You have ${MAX_PASSKEYS} passkeys, the most an account can have. Remove one first.`;

async function sessionOf(ctx: VerbContext) {
  if (!ctx.actor.session) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  return { user, sessionId: ctx.actor.session.id };
}

/**
 * The options for navigator.credentials.create(): a discoverable credential with user verification,
 * so the passkey alone can sign in; the account's passkeys are excluded so one key is not added twice.
 */
export async function startPasskeyRegistration({ ctx }: { ctx: VerbContext; input: Record<string, never> }) {
  const { user, sessionId } = await sessionOf(ctx);
  const existing = await ctx.tx
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id));
  if (existing.length >= MAX_PASSKEYS) throw new AppError('conflict', TOO_MANY);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.username,
    userDisplayName: user.name,
    userID: userHandle(user.id) as Uint8Array<ArrayBuffer>,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(ctx.tx, {
    challenge: options.challenge,
    purpose: 'register',
    userId: user.id,
    boundTo: sessionId,
    now: ctx.now,
  });
  return { options };
}

/**
 * Stores the passkey the browser created for this session's challenge. The first second factor of
 * an account also brings ten recovery codes (shown once), for the day the key is lost: a password
 * reset never removes a passkey.
 */
export async function registerPasskey({
  ctx,
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof registerPasskeySchema>;
}) {
  const { user, sessionId } = await sessionOf(ctx);
  const { response, name } = input;
  // Counted again under the row lock: options fetched in advance must not add past the limit.
  if (user.passkeyCount >= MAX_PASSKEYS) throw new AppError('conflict', TOO_MANY);
  const expected = claimedChallenge(response.response.clientDataJSON);
  const spent = await consumeChallenge(ctx.tx, {
    challenge: expected,
    purpose: 'register',
    userId: user.id,
    boundTo: sessionId,
    now: ctx.now,
  });
  if (!spent)
    throw new AppError('invalid_input', 'That passkey request expired or was already used. Try adding it again.');
  const rp = relyingParty();
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const verified = await verifyRegistrationResponse({
      response: response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: expected,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    info = verified.verified ? verified.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info)
    throw new AppError(
      'invalid_input',
      'Your browser’s answer could not be checked, so no passkey was added. Try again.',
    );
  const [taken] = await ctx.tx
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.credentialId, info.credential.id));
  if (taken) throw new AppError('conflict', 'That passkey is already registered.');
  const [row] = await ctx.tx
    .insert(passkeys)
    .values({
      userId: user.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      name,
      createdAt: ctx.now,
    })
    .returning({ id: passkeys.id });
  let recoveryCodes: string[] | null = null;
  if (user.recoveryCodeHashes.length === 0) {
    const fresh = newRecoveryCodes();
    await ctx.tx.update(users).set({ recoveryCodeHashes: fresh.hashes }).where(eq(users.id, user.id));
    recoveryCodes = fresh.codes;
  }
  await recordAudit(ctx.tx, ctx.actor, {
    action: 'passkey.register',
    targetType: 'user',
    targetId: user.id,
    details: { passkeyId: row?.id, name, deviceType: info.credentialDeviceType, backedUp: info.credentialBackedUp },
  });
  await queueAccountChangeNotice({
    ctx,
    input: { userId: user.id, event: 'passkey_added', emailId: null, address: name },
  });
  return { id: row?.id ?? 0, name, recoveryCodes };
}
