import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/connect';
import { type User, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { type BackoffPolicy, claimAttempt, clearFailures } from '@/lib/rate-limit/backoff';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { readDeviceCookie } from './device-cookie';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { secondFactorCodeSchema } from './schemas';
import { hasSecondFactor, secondFactorMethods, verifySecondFactor } from './second-factor';
import { recordSignInEvent, type SignInOutcome } from './sign-in-events';
import { issueTicket } from './sign-in-ticket';

export const loginInputSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
  code: secondFactorCodeSchema,
});

/** Per client address: a fixed window over every attempt, whatever the username. */
export const LOGIN_LIMITS = { perIp: 50, windowSeconds: 15 * 60 } as const;

/**
 * Growing delays after failures: per username for clients without a device cookie for it, and per
 * device cookie for those with one. Five failures, then 1 s, 2 s, 4 s … up to 15 minutes; a quiet
 * day or a success starts over.
 */
export const LOGIN_THROTTLE = {
  account: { delayAfter: 5, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 60 * 60 },
  device: { delayAfter: 5, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 60 * 60 },
} satisfies Record<string, BackoffPolicy>;

export type AuthenticatedUser = {
  id: number;
  name: string;
  username: string;
  role: 'user' | 'staff' | 'admin';
  sessionVersion: number;
  /** The account has a second factor, so this sign-in passed it (a code, or a passkey). */
  secondFactor: boolean;
};

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: 'invalid' }
  // The password was right and a code is needed: `ticket` carries the accepted password to the code
  // step (lib/auth/sign-in-ticket.ts); absent when the caller holds no browser binding.
  | { ok: false; reason: 'two_factor_required'; ticket?: string }
  // The code was wrong or already used; `ticket` is a fresh one for another try, if any is left.
  | { ok: false; reason: 'code_invalid'; ticket?: string }
  // The ticket was expired, spent, from another browser, or the account changed: start over.
  | { ok: false; reason: 'ticket_invalid'; username?: string }
  // A passkey's answer did not hold (expired or spent challenge, unknown key, bad signature, a counter
  // that went backwards): one answer whatever the cause.
  | { ok: false; reason: 'passkey_refused' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'throttled'; scope: 'account' | 'device'; retryAfterSeconds: number };

/** Who is trying, as the throttles and the record see them. */
export interface Attempt {
  username: string;
  ip: string;
  deviceCookie?: string | null;
  now: Date;
}

/**
 * Whose failures an attempt counts against: a browser the owner signed in on before is judged by its
 * own failures (its device cookie), any other by the account's.
 */
export function throttleOf(deviceCookie: string | null | undefined, username: string) {
  const device = readDeviceCookie(deviceCookie, username);
  return device
    ? { device, scope: 'device' as const, throttleKey: `device:${device.deviceId}` }
    : { device: null, scope: 'account' as const, throttleKey: `user:${username}` };
}

/** The per-address limit, then the per-account (or per-device) delay; counted before any check. */
export async function admitAttempt(db: Db, attempt: Attempt) {
  const { device, scope, throttleKey } = throttleOf(attempt.deviceCookie, attempt.username);
  const record = (outcome: SignInOutcome) =>
    recordSignInEvent(db, { ...attempt, outcome, knownDevice: Boolean(device) });
  const byIp = await hitRateLimit(
    db,
    `login:ip:${attempt.ip}`,
    LOGIN_LIMITS.perIp,
    LOGIN_LIMITS.windowSeconds,
    attempt.now,
  );
  if (!byIp.allowed) {
    // Recorded once per window and address: past the limit a request must stay as cheap as the
    // counter, or a flood from one address would fill the table.
    if (byIp.count === LOGIN_LIMITS.perIp + 1) await record('rate_limited');
    return { refused: { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds } as const };
  }
  // Counted as a failure before anything is looked at; a blocked attempt never reaches the check, so
  // the delay answers the same whether the password (or code) was right or the account exists.
  const claim = await claimAttempt(db, throttleKey, LOGIN_THROTTLE[scope], attempt.now);
  if (!claim.allowed) {
    await record('throttled');
    return {
      refused: { ok: false, reason: 'throttled', scope, retryAfterSeconds: claim.retryAfterSeconds } as const,
    };
  }
  return { refused: null, throttleKey, knownDevice: Boolean(device), record };
}

/** A complete sign-in: the throttle starts over, and the login is audited and recorded. */
export async function signedIn(
  db: Db,
  user: User,
  attempt: Attempt & { throttleKey: string; knownDevice: boolean },
): Promise<AuthenticateResult> {
  await clearFailures(db, attempt.throttleKey);
  const actor = { type: 'user' as const, id: user.id, role: user.role, username: user.username };
  await recordAudit(db, actor, {
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    details: { ip: attempt.ip, knownDevice: attempt.knownDevice },
  });
  await recordSignInEvent(db, { ...attempt, outcome: 'signed_in' });
  const { id, name, username, role, sessionVersion } = user;
  return { ok: true, user: { id, name, username, role, sessionVersion, secondFactor: hasSecondFactor(user) } };
}

/**
 * Checks a login. Unknown usernames and wrong passwords take the same path and the same time
 * (a dummy hash is compared, unknown names are throttled like real ones, and the attempt is recorded
 * by one statement either way), so the answer reveals nothing about which accounts exist.
 * `deviceCookie` is the raw gk_device cookie, if any; `binding` the browser's sign-in binding, which
 * a ticket for the code step is tied to (lib/auth/sign-in-ticket.ts).
 */
export async function authenticate(
  db: Db,
  input: z.input<typeof loginInputSchema> & {
    ip: string;
    deviceCookie?: string | null;
    binding?: string | null;
    now?: Date;
  },
): Promise<AuthenticateResult> {
  const { username, password, code } = loginInputSchema.parse(input);
  const attempt = { username, ip: input.ip, deviceCookie: input.deviceCookie, now: input.now ?? new Date() };
  const admitted = await admitAttempt(db, attempt);
  if (admitted.refused) return admitted.refused;

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordOk) {
    await admitted.record(user ? 'wrong_password' : 'unknown_user');
    return { ok: false, reason: 'invalid' };
  }

  if (hasSecondFactor(user)) {
    // The attempt stays counted until the code step succeeds: a known password does not buy
    // unlimited guesses at the second factor.
    if (!code) {
      if (!input.binding) return { ok: false, reason: 'two_factor_required' };
      const ticket = issueTicket({
        uid: user.id,
        username: user.username,
        sv: user.sessionVersion,
        binding: input.binding,
        now: attempt.now,
        methods: secondFactorMethods(user),
      });
      return { ok: false, reason: 'two_factor_required', ticket };
    }
    if (!(await verifySecondFactor(db, user, code))) {
      await admitted.record('wrong_code');
      return { ok: false, reason: 'code_invalid' };
    }
  }
  return signedIn(db, user, { ...attempt, throttleKey: admitted.throttleKey, knownDevice: admitted.knownDevice });
}
