import { expect } from 'vitest';
import type { KeysetPage, KeysetSearch } from '@/lib/pagination/keyset';

// Reading a keyset list the way the page links do: forwards to the end, and back again from a page.

type Read<S> = (search: S, pageSize: number) => Promise<KeysetPage<{ id: number }>>;

/** Every id of the list, page by page through the next-page cursors. */
export async function walkForward<S extends KeysetSearch>(
  read: Read<S>,
  search: S,
  pageSize: number,
): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard += 1) {
    const page = await read({ ...search, cursor, dir: cursor ? 'next' : undefined }, pageSize);
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('the list did not end within 500 pages');
}

/** Pages 1 → 2 → 3 and back: each previous-page cursor gives exactly the page before, the first has none. */
export async function expectBackAndForth<S extends KeysetSearch>(
  read: Read<S>,
  search: S,
  pageSize: number,
): Promise<void> {
  const ids = (p: KeysetPage<{ id: number }>) => p.rows.map((r) => r.id);
  const first = await read(search, pageSize);
  expect(first.prevCursor).toBeNull();
  const second = await read({ ...search, cursor: first.nextCursor!, dir: 'next' }, pageSize);
  const third = await read({ ...search, cursor: second.nextCursor!, dir: 'next' }, pageSize);
  const backToSecond = await read({ ...search, cursor: third.prevCursor!, dir: 'prev' }, pageSize);
  expect(ids(backToSecond)).toEqual(ids(second));
  expect(backToSecond.nextCursor).not.toBeNull();
  const backToFirst = await read({ ...search, cursor: backToSecond.prevCursor!, dir: 'prev' }, pageSize);
  expect(ids(backToFirst)).toEqual(ids(first));
  expect(backToFirst.prevCursor).toBeNull();
}

/** Cursors a visitor could type: none of them is ours, each reads as the first page. */
export const TAMPERED_CURSORS = [
  'not a cursor!',
  Buffer.from("x'; drop table users|1").toString('base64url'),
  // The right shape, but no such day or hour: PostgreSQL would refuse to cast it.
  Buffer.from('2026-02-30 12:00:00+00|5').toString('base64url'),
  Buffer.from('2026-03-01 25:61:00+00|5').toString('base64url'),
  Buffer.from('0000-01-01 00:00:00+00|5').toString('base64url'),
  Buffer.from('2026-03-01 12:00:00+00|-3').toString('base64url'),
  Buffer.from('2026-03-01 12:00:00+00|99999999999999999999').toString('base64url'),
];
