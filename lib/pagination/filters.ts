import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

// SQL pieces the list filters share.

/** `%text%` for ILIKE, with the pattern characters of the text itself escaped. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The days `from`..`to` (inclusive, UTC, whatever the session's time zone) on a timestamptz column. */
export function dateRangeSql(column: AnyColumn, range: { from?: string; to?: string }): SQL[] {
  const where: SQL[] = [];
  if (range.from) where.push(sql`${column} >= ${range.from}::date::timestamp at time zone 'UTC'`);
  if (range.to) where.push(sql`${column} < (${range.to}::date + 1)::timestamp at time zone 'UTC'`);
  return where;
}
