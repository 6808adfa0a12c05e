import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { verify } from 'otplib';
import type { DbOrTx } from '@/db/connect';
import { type User, users } from '@/db/schema';
import { open } from './secret-box';

// Recovery codes are 10 random groups of high entropy, so a plain SHA-256 is enough to store them.
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

/** Whether a sign-in needs a second step: an authenticator app, or at least one passkey. */
export const hasSecondFactor = (user: Pick<User, 'totpEnabled' | 'passkeyCount'>) =>
  user.totpEnabled || user.passkeyCount > 0;

/** What the second step may offer: a code (app or recovery code), a passkey, or both. */
export function secondFactorMethods(user: Pick<User, 'totpEnabled' | 'passkeyCount' | 'recoveryCodeHashes'>) {
  return { code: user.totpEnabled || user.recoveryCodeHashes.length > 0, passkey: user.passkeyCount > 0 };
}
export type SecondFactorMethods = ReturnType<typeof secondFactorMethods>;

export async function checkTotp(secret: string, token: string, afterTimeStep?: number | null) {
  if (!/^\d{6}$/.test(token)) return { valid: false as const };
  const result = await verify({ secret, token, epochTolerance: 30, afterTimeStep: afterTimeStep ?? undefined });
  if (!result.valid || !('timeStep' in result)) return { valid: false as const };
  return { valid: true as const, timeStep: result.timeStep };
}

/**
 * Accepts a current TOTP code (never the same time step twice) or consumes one recovery code.
 * `user` may be stale: each acceptance is one conditional update that succeeds only if the step is
 * still newer than the last accepted one, or the recovery code is still in the list. Two requests
 * racing with the same code both pass the checks on the row they read; only one update matches.
 */
export async function verifySecondFactor(db: DbOrTx, user: User, code: string): Promise<boolean> {
  const trimmed = code.trim();
  // Only an app that was confirmed: a secret from a set-up that was started and never finished is
  // nobody's second factor (a stolen session could start one and read the secret).
  if (user.totpEnabled && user.totpSecretEnc && /^\d{6}$/.test(trimmed)) {
    const result = await checkTotp(open(user.totpSecretEnc), trimmed, user.totpLastStep);
    if (!result.valid) return false;
    const claimed = await db
      .update(users)
      .set({ totpLastStep: result.timeStep })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, result.timeStep))))
      .returning({ id: users.id });
    return claimed.length === 1;
  }
  const hashed = Buffer.from(hashRecoveryCode(code));
  const match = user.recoveryCodeHashes.find((h) => {
    const candidate = Buffer.from(h);
    return candidate.length === hashed.length && timingSafeEqual(candidate, hashed);
  });
  if (!match) return false;
  const consumed = await db
    .update(users)
    .set({ recoveryCodeHashes: sql`array_remove(${users.recoveryCodeHashes}, ${match})` })
    .where(and(eq(users.id, user.id), sql`${match} = any(${users.recoveryCodeHashes})`))
    .returning({ id: users.id });
  return consumed.length === 1;
}
