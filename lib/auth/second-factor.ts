import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { verify } from 'otplib';
import type { DbOrTx } from '@/db/connect';
import { type User, users } from '@/db/schema';
import { open } from './secret-box';

// Recovery codes are 10 random groups of high entropy, so a plain SHA-256 is enough to store them.
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

export async function checkTotp(secret: string, token: string, afterTimeStep?: number | null) {
  if (!/^\d{6}$/.test(token)) return { valid: false as const };
  const result = await verify({ secret, token, epochTolerance: 30, afterTimeStep: afterTimeStep ?? undefined });
  if (!result.valid || !('timeStep' in result)) return { valid: false as const };
  return { valid: true as const, timeStep: result.timeStep };
}

/** Accepts a current TOTP code (never the same time step twice) or consumes one recovery code. */
export async function verifySecondFactor(db: DbOrTx, user: User, code: string): Promise<boolean> {
  if (user.totpSecretEnc && /^\d{6}$/.test(code.trim())) {
    const result = await checkTotp(open(user.totpSecretEnc), code.trim(), user.totpLastStep);
    if (!result.valid) return false;
    await db.update(users).set({ totpLastStep: result.timeStep }).where(eq(users.id, user.id));
    return true;
  }
  const hashed = Buffer.from(hashRecoveryCode(code));
  const match = user.recoveryCodeHashes.find((h) => {
    const candidate = Buffer.from(h);
    return candidate.length === hashed.length && timingSafeEqual(candidate, hashed);
  });
  if (!match) return false;
  await db
    .update(users)
    .set({ recoveryCodeHashes: user.recoveryCodeHashes.filter((h) => h !== match) })
    .where(eq(users.id, user.id));
  return true;
}
