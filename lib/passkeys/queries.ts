import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { passkeys, users } from '@/db/schema';

export interface PasskeySummary {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced by a password manager or platform account (multi-device) rather than held in one key. */
  synced: boolean;
}

/** The account's passkeys for its own page (never the key material or credential id). */
export async function listPasskeys(db: DbOrTx, userId: number): Promise<PasskeySummary[]> {
  const rows = await db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
      deviceType: passkeys.deviceType,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    synced: r.deviceType === 'multiDevice',
  }));
}

/** The username of the account a credential belongs to (the sign-in with a passkey alone names no one else). */
export async function passkeyOwnerUsername(db: DbOrTx, credentialId: string): Promise<string | null> {
  const [row] = await db
    .select({ username: users.username })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.credentialId, credentialId));
  return row?.username ?? null;
}
