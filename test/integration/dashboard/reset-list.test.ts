import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseListSearch } from '@/lib/pagination/search-params';
import { listResetAttemptsPage } from '@/lib/reset/queries';
import { RESET_OUTCOMES } from '@/lib/reset/schemas';
import { type ResetSearch, resetSearchSchema } from '@/lib/reset/search';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from './fixtures';
import { expectBackAndForth, TAMPERED_CURSORS, walkForward } from './keyset-walk';

// The password-reset requests on the outbox page: keyset pages over (at, id), each filter, and URLs a
// visitor edited by hand. Every request is made here with a known time, input and outcome.

const t = setupTestDatabase();

interface Attempt {
  id: number;
  at: string;
  input: string;
  outcome: (typeof RESET_OUTCOMES)[number];
}
const attempts: Attempt[] = [];
const read = (search: ResetSearch, pageSize: number) => listResetAttemptsPage(t.db, search, pageSize);
const newestFirst = (rows: Attempt[]) =>
  [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((a) => a.id);

beforeAll(async () => {
  const owner = await makeUser(t.db, 'user', 'casey.probed');
  for (let i = 0; i < 34; i += 1) {
    // Groups of four share one instant: the id breaks the ties.
    const a = {
      at: `2026-04-${String(1 + Math.floor(i / 10)).padStart(2, '0')} 08:${String(Math.floor(i / 4)).padStart(2, '0')}:00+00`,
      input: i % 3 === 0 ? `dev@lapsed-${i}.dev` : i % 3 === 1 ? 'casey.probed' : `nobody${i}@gmail.com`,
      outcome: RESET_OUTCOMES[i % RESET_OUTCOMES.length]!,
    };
    const [row] = await t.db.execute<{ id: string }>(sql`
      insert into reset_attempts (input, user_id, outcome, sent_to, client_ip, at)
      values (${a.input}, ${i % 3 === 1 ? owner.id : null}, ${a.outcome},
        ${a.outcome === 'sent' ? sql`array['casey@gmail.com']` : null}, '198.18.0.7', ${a.at}::timestamptz)
      returning id`);
    attempts.push({ ...a, id: Number(row!.id) });
  }
});

describe('password-reset requests list', () => {
  it('pages newest first through every request exactly once, ties broken by id, and back again', async () => {
    expect(await walkForward(read, {}, 5)).toEqual(newestFirst(attempts));
    await expectBackAndForth(read, {}, 4);
  });

  it('pages oldest first in exactly the opposite order', async () => {
    expect(await walkForward(read, { sort: 'oldest' }, 6)).toEqual(newestFirst(attempts).reverse());
    await expectBackAndForth(read, { sort: 'oldest' }, 7);
  });

  it('filters by what was asked for, outcome and days, alone and together', async () => {
    const by = async (raw: Record<string, string>) =>
      walkForward(read, parseListSearch(resetSearchSchema, raw).search, 3);
    expect(await by({ q: 'Casey.Probed' })).toEqual(newestFirst(attempts.filter((a) => a.input === 'casey.probed')));
    expect(await by({ q: '@lapsed-' })).toEqual(newestFirst(attempts.filter((a) => a.input.includes('@lapsed-'))));
    expect(await by({ q: 'lapsed_1' })).toEqual([]);
    expect(await by({ outcome: 'refused_flagged' })).toEqual(
      newestFirst(attempts.filter((a) => a.outcome === 'refused_flagged')),
    );
    expect(await by({ from: '2026-04-02', to: '2026-04-02' })).toEqual(
      newestFirst(attempts.filter((a) => a.at.startsWith('2026-04-02'))),
    );
    const together = attempts.filter((a) => a.input === 'casey.probed' && a.at >= '2026-04-02');
    expect(together.length).toBeGreaterThan(1);
    expect(await by({ q: 'casey', from: '2026-04-02' })).toEqual(newestFirst(together));
    const sent = (await read({ outcome: 'sent' }, 50)).rows;
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.sentTo.join() === 'casey@gmail.com')).toBe(true);
    expect((await read({ q: 'casey.probed' }, 50)).rows.every((r) => r.username === 'casey.probed')).toBe(true);
  });

  it('drops malformed choices, refuses control characters in the search, and shows the first page for a tampered cursor', async () => {
    const { search, refused } = parseListSearch(
      resetSearchSchema,
      { reset_q: 'casey\u0000', reset_outcome: 'maybe', reset_from: '2026-13-01', reset_cursor: '%%%' },
      'reset_',
    );
    expect(Object.values(search).filter((v) => v !== undefined)).toEqual([]);
    // The page leaves the search out and says why (the JSON route answers 400 instead).
    expect(refused).toEqual({ q: SEARCH_TEXT_ERRORS.control });
    expect(parseListSearch(resetSearchSchema, { reset_q: 'casey' }, 'reset_').search.q).toBe('casey');
    const first = await read({}, 5);
    for (const cursor of TAMPERED_CURSORS) {
      const page = await read({ cursor, dir: 'prev' }, 5);
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});
