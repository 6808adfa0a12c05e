import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/connect';
import { type User, users } from '@/db/schema';
import { assertionFieldSchema } from '@/lib/passkeys/schemas';
import { verifyPasskeyAssertion } from '@/lib/passkeys/verify-assertion';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { type AuthenticateResult, admitAttempt, LOGIN_LIMITS, signedIn } from './authenticate';
import { hasSecondFactor, secondFactorMethods, verifySecondFactor } from './second-factor';
import type { SignInOutcome } from './sign-in-events';
import {
  bindingHash,
  checkTicket,
  issueTicket,
  readTicket,
  TICKET_MAX_TRIES,
  TICKET_TTL_SECONDS,
} from './sign-in-ticket';

// The second step of a sign-in with two-factor authentication: the ticket from the password step
// (lib/auth/sign-in-ticket.ts) and a code or a passkey's answer, so the password is typed once.
// Every attempt passes the same per-address limit and per-account (or per-device) delay as a
// password attempt.

export const codeStepInputSchema = z.union([
  z.object({ ticket: z.string().min(1).max(1000), code: z.string().trim().min(1).max(32) }),
  z.object({ ticket: z.string().min(1).max(1000), assertion: assertionFieldSchema }),
]);

/** The code or the passkey answer, spent either way; the outcome to record when it fails. */
async function secondFactor(
  db: Db,
  user: User,
  step: z.output<typeof codeStepInputSchema>,
  context: { binding: string; now: Date },
): Promise<SignInOutcome | null> {
  if ('code' in step) return (await verifySecondFactor(db, user, step.code)) ? null : 'wrong_code';
  const checked = await verifyPasskeyAssertion(db, {
    response: step.assertion,
    purpose: 'second_factor',
    userId: user.id,
    boundTo: bindingHash(context.binding),
    now: context.now,
  });
  if (checked.ok) return null;
  return checked.why === 'counter_regression' ? 'passkey_cloned' : 'passkey_refused';
}

export async function authenticateCode(
  db: Db,
  input: z.input<typeof codeStepInputSchema> & {
    ip: string;
    deviceCookie?: string | null;
    binding?: string | null;
    now?: Date;
  },
): Promise<AuthenticateResult> {
  const step = codeStepInputSchema.parse(input);
  const { ticket } = step;
  const now = input.now ?? new Date();
  const claims = readTicket(ticket);
  // A forged ticket names nobody: nothing to count it against but the client's address.
  if (!claims) {
    const byIp = await hitRateLimit(db, `login:ip:${input.ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds, now);
    return byIp.allowed
      ? { ok: false, reason: 'ticket_invalid' }
      : { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };
  }
  const attempt = { username: claims.username, ip: input.ip, deviceCookie: input.deviceCookie, now };
  const refused = { ok: false, reason: 'ticket_invalid', username: claims.username } as const;
  // Counted like any attempt before the ticket is looked at, so replaying an old ticket is limited too.
  const admitted = await admitAttempt(db, attempt);
  if (admitted.refused) return admitted.refused;
  if (!checkTicket(ticket, input.binding, now).ok) {
    await admitted.record('ticket_refused');
    return refused;
  }
  // Single use: the first attempt to present this ticket spends it (one row per ticket id in the
  // shared fixed-window counters, for as long as a ticket lives; the hourly prune removes it).
  const spent = await hitRateLimit(db, `login:ticket:${claims.jti}`, 1, TICKET_TTL_SECONDS, now);
  const [user] = await db.select().from(users).where(eq(users.id, claims.uid)).limit(1);
  const stillValid =
    spent.allowed && user?.username === claims.username && user.sessionVersion === claims.sv && hasSecondFactor(user);
  if (!user || !stillValid) {
    await admitted.record('ticket_refused');
    return refused;
  }
  const failure = await secondFactor(db, user, step, { binding: input.binding ?? '', now });
  if (failure) {
    await admitted.record(failure);
    const next =
      claims.tries + 1 < TICKET_MAX_TRIES
        ? issueTicket(
            {
              uid: user.id,
              username: user.username,
              sv: user.sessionVersion,
              binding: input.binding ?? '',
              now,
              methods: secondFactorMethods(user),
            },
            claims,
          )
        : undefined;
    return next ? { ok: false, reason: 'code_invalid', ticket: next } : { ok: false, reason: 'code_invalid' };
  }
  return signedIn(db, user, { ...attempt, throttleKey: admitted.throttleKey, knownDevice: admitted.knownDevice });
}
