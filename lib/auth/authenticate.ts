import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { verifySecondFactor } from './second-factor';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';

export const loginInputSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
  code: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((v) => v || undefined),
});

export const LOGIN_LIMITS = { perUser: 10, perIp: 50, windowSeconds: 15 * 60 } as const;

export type AuthenticateResult =
  | { ok: true; user: { id: number; name: string; username: string; role: 'user' | 'staff' | 'admin'; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'rate_limited' | 'two_factor_required' };

/**
 * Checks a login. Unknown usernames and wrong passwords take the same path and the same time
 * (a dummy hash is compared), so the answer reveals nothing about which accounts exist.
 */
export async function authenticate(
  db: Db,
  input: z.input<typeof loginInputSchema> & { ip: string },
): Promise<AuthenticateResult> {
  const byUser = await hitRateLimit(db, `login:user:${input.username}`, LOGIN_LIMITS.perUser, LOGIN_LIMITS.windowSeconds);
  const byIp = await hitRateLimit(db, `login:ip:${input.ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds);
  if (!byUser.allowed || !byIp.allowed) return { ok: false, reason: 'rate_limited' };

  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordOk) return { ok: false, reason: 'invalid' };

  if (user.totpEnabled) {
    const code = input.code?.trim();
    if (!code) return { ok: false, reason: 'two_factor_required' };
    const second = await verifySecondFactor(db, user, code);
    if (!second) return { ok: false, reason: 'invalid' };
  }
  const actor = { type: 'user' as const, id: user.id, role: user.role, username: user.username };
  await recordAudit(db, actor, { action: 'auth.login', targetType: 'user', targetId: user.id, details: { ip: input.ip } });
  return { ok: true, user: { id: user.id, name: user.name, username: user.username, role: user.role, sessionVersion: user.sessionVersion } };
}
