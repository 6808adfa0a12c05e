import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readEnv } from '@/lib/env';

// The "password accepted" ticket between the two steps of a sign-in with two-factor authentication,
// so the second step asks only for the code. Signed (HMAC-SHA-256 under a key derived from
// AUTH_SECRET), short-lived, and bound to:
// - the user (id and username) and their session version, so a password reset in between voids it;
// - the browser: it names a hash of a random value the browser holds in an HttpOnly cookie (the
//   login action's `gk_signin`), so a ticket copied out of the page is useless elsewhere.
// Each ticket is good for one code attempt (lib/auth/authenticate.ts spends its id in rate_limits);
// a wrong code gets a fresh ticket with the same expiry and one try fewer.

export const TICKET_TTL_SECONDS = 5 * 60;
/** Code attempts one password entry buys; the login throttles count every one of them as well. */
export const TICKET_MAX_TRIES = 5;

export interface TicketClaims {
  /** The user's id and normalised username. */
  uid: number;
  username: string;
  /** users.session_version when the password was accepted. */
  sv: number;
  /** SHA-256 (base64url) of the browser's binding value. */
  bind: string;
  /** Random id, spent by the attempt that presents this ticket. */
  jti: string;
  /** Expiry (ms since the epoch): the first ticket's, carried over by every fresh one. */
  exp: number;
  /** Code attempts already made with this password entry. */
  tries: number;
  /** What the second step offers (an app or recovery code, a passkey), for the form to show. */
  methods: { code: boolean; passkey: boolean };
}

function key(): Buffer {
  const env = readEnv();
  const material = env.AUTH_SECRET ?? env.GK_ENCRYPTION_KEY;
  if (!material) throw new Error('AUTH_SECRET must be set to sign sign-in tickets.');
  return Buffer.from(hkdfSync('sha256', material, 'gravekeeper', 'sign-in-ticket', 32));
}

const mac = (body: string) => createHmac('sha256', key()).update(body).digest('base64url');

export const bindingHash = (binding: string) => createHash('sha256').update(binding).digest('base64url');

/** A random value for the browser's binding cookie. */
export const newBinding = () => randomBytes(24).toString('base64url');

/** A ticket for a password just accepted (or a fresh one after a wrong code, `previous` given). */
export function issueTicket(
  input: {
    uid: number;
    username: string;
    sv: number;
    binding: string;
    now: Date;
    methods: TicketClaims['methods'];
  },
  previous?: Pick<TicketClaims, 'exp' | 'tries'>,
): string {
  const claims: TicketClaims = {
    uid: input.uid,
    username: input.username,
    sv: input.sv,
    bind: bindingHash(input.binding),
    jti: randomBytes(16).toString('base64url'),
    exp: previous?.exp ?? input.now.getTime() + TICKET_TTL_SECONDS * 1000,
    tries: previous ? previous.tries + 1 : 0,
    methods: input.methods,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(body)}`;
}

/** The claims of a ticket this server signed, whatever its age or binding; null if forged or malformed. */
export function readTicket(ticket: string | null | undefined): TicketClaims | null {
  if (!ticket || ticket.length > 1000) return null;
  const [body, signature, extra] = ticket.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as TicketClaims;
    return Number.isSafeInteger(claims.uid) && typeof claims.jti === 'string' ? claims : null;
  } catch {
    return null;
  }
}

export type TicketCheck =
  | { ok: true; claims: TicketClaims }
  | { ok: false; why: 'forged' | 'expired' | 'other_browser' | 'used_up' };

/** Signature, expiry, tries left and the browser's binding; the user and single use are checked by the caller. */
export function checkTicket(ticket: string, binding: string | null | undefined, now: Date): TicketCheck {
  const claims = readTicket(ticket);
  if (!claims) return { ok: false, why: 'forged' };
  if (now.getTime() >= claims.exp) return { ok: false, why: 'expired' };
  if (claims.tries >= TICKET_MAX_TRIES) return { ok: false, why: 'used_up' };
  const expected = Buffer.from(claims.bind);
  const given = Buffer.from(binding ? bindingHash(binding) : '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'other_browser' };
  return { ok: true, claims };
}
