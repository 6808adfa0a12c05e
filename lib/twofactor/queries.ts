import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { users } from '@/db/schema';

/** Whether TOTP is on, how many passkeys and recovery codes there are (never the secret or the hashes). */
export async function getTwoFactorState(db: DbOrTx, userId: number) {
  const [row] = await db
    .select({ enabled: users.totpEnabled, hashes: users.recoveryCodeHashes, passkeys: users.passkeyCount })
    .from(users)
    .where(eq(users.id, userId));
  return row ? { enabled: row.enabled, recoveryCodesLeft: row.hashes.length, passkeys: row.passkeys } : null;
}
