import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { auditLog } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/lib/flags/cursor';

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

export interface AuditFilters {
  /** Who acted, as recorded (username, `cli:<operator>`, `job:<name>`, `system`). */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO dates (UTC days), inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The newest audit entries matching the filters, by keyset on (at, id): bulk writes share a
 * timestamp, so the id breaks ties. Each filter has an index (actor label, action, target).
 */
export async function listAuditEntries(
  db: DbOrTx,
  options: AuditFilters & { limit?: number } = {},
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const where: SQL[] = [];
  if (options.actor) where.push(eq(auditLog.actorLabel, options.actor));
  if (options.action) where.push(eq(auditLog.action, options.action));
  if (options.targetType) where.push(eq(auditLog.targetType, options.targetType));
  if (options.targetType && options.targetId) where.push(eq(auditLog.targetId, options.targetId));
  if (options.from) where.push(sql`${auditLog.at} >= ${options.from}::date::timestamp at time zone 'UTC'`);
  if (options.to) where.push(sql`${auditLog.at} < (${options.to}::date + 1)::timestamp at time zone 'UTC'`);
  const cursor = decodeCursor(options.cursor);
  if (cursor) where.push(sql`(${auditLog.at}, ${auditLog.id}) < (${cursor.at}::timestamptz, ${cursor.id})`);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      cursorAt: sql<string>`${auditLog.at}::text`,
      actorLabel: auditLog.actorLabel,
      actorType: auditLog.actorType,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`${auditLog.at} desc nulls last`, sql`${auditLog.id} desc nulls last`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ cursorAt: _c, ...r }) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

/** Entries about any of the given targets (a user, their addresses, their flags), newest first. */
export async function listAuditForTargets(
  db: DbOrTx,
  targets: { type: string; ids: (string | number)[] }[],
  limit = 50,
): Promise<AuditRow[]> {
  const parts = targets
    .filter((t) => t.ids.length > 0)
    .map((t) => and(eq(auditLog.targetType, t.type), sql`${auditLog.targetId} in ${t.ids.map(String)}`));
  if (parts.length === 0) return [];
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      sql.join(
        parts.map((p) => sql`(${p})`),
        sql` or `,
      ),
    )
    .orderBy(sql`${auditLog.at} desc nulls last`, sql`${auditLog.id} desc nulls last`)
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
