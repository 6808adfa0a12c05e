import { desc } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { auditLog } from '@/db/schema';

export interface AuditRow {
  id: number;
  at: string;
  actorLabel: string;
  actorType: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

/** The newest audit entries (ordered by time then id: bulk writes share a timestamp). */
export async function listAuditEntries(db: DbOrTx, options: { limit?: number } = {}): Promise<AuditRow[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
