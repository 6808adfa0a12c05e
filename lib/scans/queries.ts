import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type Scan, scans, users } from '@/db/schema';

export type ScanRow = Omit<Scan, 'createdAt' | 'startedAt' | 'finishedAt'> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestedByUsername: string | null;
};

/** Scan history, newest first. */
export async function listScans(db: DbOrTx, options: { limit?: number } = {}): Promise<ScanRow[]> {
  const rows = await db
    .select({ scan: scans, username: users.username })
    .from(scans)
    .leftJoin(users, eq(users.id, scans.requestedBy))
    .orderBy(desc(scans.createdAt), desc(scans.id))
    .limit(options.limit ?? 50);
  return rows.map(({ scan, username }) => ({
    ...scan,
    createdAt: scan.createdAt.toISOString(),
    startedAt: scan.startedAt?.toISOString() ?? null,
    finishedAt: scan.finishedAt?.toISOString() ?? null,
    requestedByUsername: username,
  }));
}
