// Keyset cursor for lists ordered by (timestamp, id), shared by every dashboard list. The timestamp travels as
// PostgreSQL's own text form, not a JavaScript Date: rows written by the database carry microseconds, and a
// cursor rounded to milliseconds would skip or repeat rows created within the same millisecond.

export interface Cursor {
  at: string;
  id: number;
}

const PG_TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;

/**
 * The shape alone lets `2026-02-30 25:61:00+00` through, which PostgreSQL refuses to cast: a tampered
 * cursor would fail the query. Each field is checked against the calendar instead.
 */
function isRealTimestamp(text: string): boolean {
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes, offsetSeconds] = m
    .slice(1)
    .map((v) => Number(v ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day);
  const calendarDay = year! >= 1 && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  return (
    calendarDay &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHours! < 16 &&
    offsetMinutes! < 60 &&
    offsetSeconds! < 60
  );
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null for anything that is not a cursor we wrote: a tampered URL just shows the first page. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const [at, id] = text.split('|');
  const n = Number(id);
  if (!at || !isRealTimestamp(at) || !Number.isSafeInteger(n) || n <= 0) return null;
  return { at, id: n };
}
