// Keyset cursor for lists ordered by (timestamp, id). The timestamp travels as PostgreSQL's own text
// form, not a JavaScript Date: rows written by the database carry microseconds, and a cursor rounded
// to milliseconds would skip or repeat rows created within the same millisecond.

export interface Cursor {
  at: string;
  id: number;
}

const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null for anything that is not a cursor we wrote: a tampered URL just shows the first page. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const [at, id] = text.split('|');
  const n = Number(id);
  if (!at || !PG_TIMESTAMPTZ.test(at) || !Number.isSafeInteger(n) || n <= 0) return null;
  return { at, id: n };
}
