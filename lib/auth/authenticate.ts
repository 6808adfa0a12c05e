import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { type BackoffPolicy, claimAttempt, clearFailures } from '@/lib/rate-limit/backoff';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { readDeviceCookie } from './device-cookie';
import { secondFactorCodeSchema } from './schemas';
import { verifySecondFactor } from './second-factor';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';

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

export type AuthenticateResult =
  | {
      ok: true;
      user: { id: number; name: string; username: string; role: 'user' | 'staff' | 'admin'; sessionVersion: number };
    }
  | { ok: false; reason: 'invalid' | 'two_factor_required' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'throttled'; scope: 'account' | 'device'; retryAfterSeconds: number };

/**
 * Checks a login. Unknown usernames and wrong passwords take the same path and the same time
 * (a dummy hash is compared, and unknown names are throttled like real ones), so the answer reveals
 * nothing about which accounts exist. `deviceCookie` is the raw gk_device cookie, if any.
 */
export async function authenticate(
  db: Db,
  input: z.input<typeof loginInputSchema> & { ip: string; deviceCookie?: string | null },
): Promise<AuthenticateResult> {
  const { username, password, code } = loginInputSchema.parse(input);
  const byIp = await hitRateLimit(db, `login:ip:${input.ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds);
  if (!byIp.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };

  // A browser the owner signed in on before is judged by its own failures, not by strangers'.
  const device = readDeviceCookie(input.deviceCookie, username);
  const scope = device ? 'device' : 'account';
  const throttleKey = device ? `device:${device.deviceId}` : `user:${username}`;
  // Counted as a failure before the password is looked at; a blocked attempt never reaches it, so
  // the delay answers the same whether the password was right or the account exists.
  const claim = await claimAttempt(db, throttleKey, LOGIN_THROTTLE[scope]);
  if (!claim.allowed) return { ok: false, reason: 'throttled', scope, retryAfterSeconds: claim.retryAfterSeconds };

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordOk) return { ok: false, reason: 'invalid' };

  if (user.totpEnabled) {
    // Still counted: a known password does not buy unlimited guesses at the second factor.
    if (!code) return { ok: false, reason: 'two_factor_required' };
    const second = await verifySecondFactor(db, user, code);
    if (!second) return { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, throttleKey);
  const actor = { type: 'user' as const, id: user.id, role: user.role, username: user.username };
  await recordAudit(db, actor, {
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    details: { ip: input.ip, knownDevice: Boolean(device) },
  });
  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      username: user.username,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}
