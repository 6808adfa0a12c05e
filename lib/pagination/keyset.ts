import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type Cursor, decodeCursor, encodeCursor } from './cursor';
import type { ListSort } from './search-params';

// Keyset paging over (timestamp, id), newest or oldest first, forwards or backwards from a cursor. The
// list indexes are declared `(…, at desc, id desc)` (drizzle writes DESC NULLS LAST), so the order
// below is exactly that index read forwards (newest first) or backwards (oldest first): a deep page
// costs the same as the first, and ties on the timestamp are broken by the id.

export interface KeysetSearch {
  sort?: ListSort;
  cursor?: string;
  dir?: 'next' | 'prev';
}

export interface KeysetPage<T> {
  rows: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface Keyset {
  cursor: Cursor | null;
  /** Reading the page before the cursor: the index is walked the other way and the rows flipped after. */
  backwards: boolean;
  /** The condition past the cursor, or undefined on a first page. */
  after: SQL | undefined;
  orderBy: SQL[];
}

/**
 * The keyset for a search over the columns `at` (timestamp) and `id`. A tampered cursor reads as none.
 * Either may be an expression (a raw query's `c.domain_id`, a `coalesce(…)` with an index on it), as long
 * as it is never null: a row whose key is null is never past a cursor.
 */
export function keysetOf(columns: { at: AnyColumn | SQL; id: AnyColumn | SQL }, search: KeysetSearch): Keyset {
  const { at, id } = columns;
  const cursor = decodeCursor(search.cursor);
  const backwards = cursor !== null && search.dir === 'prev';
  const descending = (search.sort ?? 'newest') === 'newest' ? !backwards : backwards;
  const after = cursor
    ? descending
      ? sql`(${at}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id})`
      : sql`(${at}, ${id}) > (${cursor.at}::timestamptz, ${cursor.id})`
    : undefined;
  const orderBy = descending
    ? [sql`${at} desc nulls last`, sql`${id} desc nulls last`]
    : [sql`${at} asc nulls first`, sql`${id} asc nulls first`];
  return { cursor, backwards, after, orderBy };
}

/** The timestamp as PostgreSQL writes it (microseconds kept), to select beside a page's rows as `cursorAt`. */
export const cursorText = (at: AnyColumn | SQL): SQL<string> => sql<string>`${at}::text`;

/**
 * A page from the `pageSize + 1` rows the query returned (the extra row only says there is more), in
 * display order, with the cursors to the pages either side.
 */
export function toKeysetPage<R extends { id: number; cursorAt: string }, T>(
  rows: R[],
  keyset: Keyset,
  pageSize: number,
  present: (row: R) => T,
): KeysetPage<T> {
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (keyset.backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = keyset.backwards || more;
  const hasPrev = keyset.backwards ? more : keyset.cursor !== null;
  return {
    rows: page.map(present),
    nextCursor: hasNext && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ at: first.cursorAt, id: first.id }) : null,
  };
}
