import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { passkeys, users } from '@/db/schema';
import { bindingHash, checkTicket } from '@/lib/auth/sign-in-ticket';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { CEREMONY_TIMEOUT_MS, storeChallenge } from './challenges';
import { relyingParty } from './relying-party';

// The options for navigator.credentials.get() at the sign-in page. Two kinds:
// - a passkey alone: no account named, the authenticator offers the passkeys it holds for this site;
// - the second step after a password: the ticket names the account, and only its passkeys are asked for.
// Either way the challenge is bound to this browser's sign-in binding cookie, so an answer made in
// one browser cannot be posted from another.

/** Per client address, for option requests alone (each stores a challenge row until it expires). */
export const PASSKEY_OPTIONS_LIMIT = { perIp: 60, windowSeconds: 15 * 60 } as const;

export type SignInOptionsResult =
  | { ok: true; options: Awaited<ReturnType<typeof generateAuthenticationOptions>> }
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
  const rp = relyingParty();
  const boundTo = bindingHash(input.binding);
  if (!input.ticket) {
    const options = await generateAuthenticationOptions({
      rpID: rp.rpID,
      userVerification: 'required',
      timeout: CEREMONY_TIMEOUT_MS,
    });
    await storeChallenge(db, { challenge: options.challenge, purpose: 'sign_in', userId: null, boundTo, now });
    return { ok: true, options };
  }
  const ticket = checkTicket(input.ticket, input.binding, now);
  if (!ticket.ok) return { ok: false, reason: 'ticket_invalid' };
  const { uid, sv } = ticket.claims;
  const [user] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, uid));
  const keys = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, uid));
  if (!user || user.sv !== sv || keys.length === 0) return { ok: false, reason: 'ticket_invalid' };
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'preferred',
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as never })),
  });
  await storeChallenge(db, { challenge: options.challenge, purpose: 'second_factor', userId: uid, boundTo, now });
  return { ok: true, options };
}
