import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import { assertionFieldSchema } from '@/lib/passkeys/schemas';
import { verifyPasskeyAssertion } from '@/lib/passkeys/verify-assertion';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { type AuthenticateResult, LOGIN_LIMITS, signedIn, throttleOf } from './authenticate';
import { recordSignInEvent } from './sign-in-events';
import { bindingHash } from './sign-in-ticket';

// A sign-in with a passkey alone: no username, no password. The authenticator picks one of the
// passkeys it holds for this site (a discoverable credential) and verifies the person (PIN or
// biometric) before it signs, so the one answer is both factors. The account is the passkey's owner.
//
// Only the per-address limit applies before the check: an answer cannot be guessed, and the
// per-account delay (which strangers' password guesses can run up) must not lock the owner's
// unphishable way in.

export const passkeyStepInputSchema = z.object({ assertion: assertionFieldSchema });

export async function authenticatePasskey(
  db: Db,
  input: z.input<typeof passkeyStepInputSchema> & {
    ip: string;
    deviceCookie?: string | null;
    binding?: string | null;
    now?: Date;
  },
): Promise<AuthenticateResult> {
  const { assertion } = passkeyStepInputSchema.parse(input);
  const now = input.now ?? new Date();
  const byIp = await hitRateLimit(db, `login:ip:${input.ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds, now);
  if (!byIp.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };
  const checked = await verifyPasskeyAssertion(db, {
    response: assertion,
    purpose: 'sign_in',
    userId: null,
    boundTo: bindingHash(input.binding ?? ''),
    now,
  });
  const [owner] = checked.passkey
    ? await db.select().from(users).where(eq(users.id, checked.passkey.userId)).limit(1)
    : [];
  if (!checked.ok || !owner || owner.synced) {
    // Recorded against the passkey's owner when the credential is known; an unknown one names nobody.
    if (owner)
      await recordSignInEvent(db, {
        username: owner.username,
        ip: input.ip,
        knownDevice: Boolean(throttleOf(input.deviceCookie, owner.username).device),
        outcome: !checked.ok && checked.why === 'counter_regression' ? 'passkey_cloned' : 'passkey_refused',
        now,
      });
    return { ok: false, reason: 'passkey_refused' };
  }
  const { device, throttleKey } = throttleOf(input.deviceCookie, owner.username);
  return signedIn(db, owner, {
    username: owner.username,
    ip: input.ip,
    deviceCookie: input.deviceCookie,
    now,
    throttleKey,
    knownDevice: Boolean(device),
  });
}
