import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import { bindingHash, checkTicket } from '@/lib/auth/sign-in-ticket';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { type AssertionOptions, assertionOptions } from './assertion-options';

// The options for navigator.credentials.get() at the sign-in page. Two kinds:
// - a passkey alone: no account named, the authenticator offers the passkeys it holds for this site;
// - the second step after a password: the ticket names the account, and only its passkeys are asked for.
// Either way the challenge is bound to this browser's sign-in binding cookie, so an answer made in
// one browser cannot be posted from another.

/** Per client address, for option requests alone (each stores a challenge row until it expires). */
export const PASSKEY_OPTIONS_LIMIT = { perIp: 60, windowSeconds: 15 * 60 } as const;

export type SignInOptionsResult =
  | { ok: true; options: AssertionOptions }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'ticket_invalid' };

export async function passkeySignInOptions(
  db: Db,
  input: { binding: string; ip: string; ticket?: string | null; now: Date },
): Promise<SignInOptionsResult> {
  const { now } = input;
  const hit = await hitRateLimit(
    db,
    `passkey-options:ip:${input.ip}`,
    PASSKEY_OPTIONS_LIMIT.perIp,
    PASSKEY_OPTIONS_LIMIT.windowSeconds,
    now,
  );
  if (!hit.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: hit.retryAfterSeconds };
  const boundTo = bindingHash(input.binding);
  if (!input.ticket) {
    const options = await assertionOptions(db, {
      purpose: 'sign_in',
      userId: null,
      boundTo,
      userVerification: 'required',
      now,
    });
    return { ok: true, options };
  }
  const ticket = checkTicket(input.ticket, input.binding, now);
  if (!ticket.ok) return { ok: false, reason: 'ticket_invalid' };
  const { uid, sv } = ticket.claims;
  const [user] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, uid));
  if (!user || user.sv !== sv) return { ok: false, reason: 'ticket_invalid' };
  // After a password a passkey is the second factor: user verification is welcome, not required.
  const options = await assertionOptions(db, {
    purpose: 'second_factor',
    userId: uid,
    boundTo,
    userVerification: 'preferred',
    now,
  });
  return options ? { ok: true, options } : { ok: false, reason: 'ticket_invalid' };
}
