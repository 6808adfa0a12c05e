import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '@/db/schema/enums';
import { type OutboxSearch, outboxSearchSchema } from '@/lib/notify/outbox-search';
import { listOutboxPage } from '@/lib/notify/queries';
import { parseListSearch } from '@/lib/pagination/search-params';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from './fixtures';
import { expectBackAndForth, TAMPERED_CURSORS, walkForward } from './keyset-walk';

// The staff outbox's mail list: keyset pages over (created_at, id), each filter, and URLs a visitor
// edited by hand. Every row is made here with a known time, kind, state and recipient.

const t = setupTestDatabase();

interface Mail {
  id: number;
  /** UTC, microseconds: the order the list must keep. */
  at: string;
  address: string;
  kind: (typeof NOTIFICATION_KINDS)[number];
  state: (typeof NOTIFICATION_STATES)[number];
}
const mails: Mail[] = [];
const read = (search: OutboxSearch, pageSize: number) =>
  listOutboxPage(t.db, search, { appUrl: 'http://gk.test', pageSize });
const newestFirst = (rows: Mail[]) =>
  [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((m) => m.id);

async function insertMail(userId: number, m: Omit<Mail, 'id'>, channel: 'email' | 'in_app' = 'email') {
  const [row] = await t.db.execute<{ id: string }>(sql`
    insert into notifications (user_id, address, kind, channel, dedupe_key, state, created_at)
    values (${userId}, ${channel === 'email' ? m.address : null}, ${m.kind}, ${channel},
      ${`test:${mails.length}:${channel}:${Math.random()}`}, ${m.state}, ${m.at}::timestamptz)
    returning id`);
  return Number(row!.id);
}

beforeAll(async () => {
  const owners = [await makeUser(t.db), await makeUser(t.db)];
  for (let i = 0; i < 40; i += 1) {
    // Groups of three share one instant, so the cursor's tie-break on id is exercised.
    const day = 1 + Math.floor(i / 12);
    const minute = String(Math.floor(i / 3) % 60).padStart(2, '0');
    const m = {
      at: `2026-03-0${day} 10:${minute}:00.000000+00`,
      address: i % 4 === 0 ? `maintainer${i}@lapsed-example.dev` : `person${i}@gmail.com`,
      kind: NOTIFICATION_KINDS[i % NOTIFICATION_KINDS.length]!,
      state: NOTIFICATION_STATES[i % NOTIFICATION_STATES.length]!,
    };
    mails.push({ ...m, id: await insertMail(owners[i % 2]!.id, m) });
  }
  // Same millisecond, different microseconds: a millisecond cursor would skip or repeat one of these.
  mails[4]!.at = mails[4]!.at.replace('.000000', '.000250');
  await t.db.execute(
    sql`update notifications set created_at = ${mails[4]!.at}::timestamptz where id = ${mails[4]!.id}`,
  );
  // In-app notices are not mail: they never show in the outbox.
  for (let i = 0; i < 5; i += 1)
    await insertMail(
      owners[0]!.id,
      { at: '2026-03-02 10:00:00+00', address: '', kind: 'staff_notice', state: 'sent' },
      'in_app',
    );
});

describe('outbox mail list', () => {
  it('pages newest first through every mail exactly once, ties broken by id, and back again', async () => {
    expect(await walkForward(read, {}, 7)).toEqual(newestFirst(mails));
    await expectBackAndForth(read, {}, 6);
  });

  it('pages oldest first in exactly the opposite order', async () => {
    expect(await walkForward(read, { sort: 'oldest' }, 9)).toEqual(newestFirst(mails).reverse());
    await expectBackAndForth(read, { sort: 'oldest' }, 5);
  });

  it('filters by recipient (any part of the address), kind, state and days, alone and together', async () => {
    const by = async (raw: Record<string, string>) =>
      walkForward(read, parseListSearch(outboxSearchSchema, raw).search, 4);
    expect(await by({ q: 'LAPSED-example' })).toEqual(newestFirst(mails.filter((m) => m.address.includes('lapsed'))));
    expect(await by({ q: 'person17@' })).toEqual(newestFirst(mails.filter((m) => m.address === 'person17@gmail.com')));
    // LIKE's own characters are searched for as they are, not as wildcards.
    expect(await by({ q: 'person_7' })).toEqual([]);
    expect(await by({ q: 'person%' })).toEqual([]);
    expect(await by({ kind: 'password_reset' })).toEqual(newestFirst(mails.filter((m) => m.kind === 'password_reset')));
    expect(await by({ state: 'failed' })).toEqual(newestFirst(mails.filter((m) => m.state === 'failed')));
    expect(await by({ from: '2026-03-02', to: '2026-03-03' })).toEqual(
      newestFirst(mails.filter((m) => m.at.startsWith('2026-03-02') || m.at.startsWith('2026-03-03'))),
    );
    expect(await by({ to: '2026-03-01' })).toEqual(newestFirst(mails.filter((m) => m.at.startsWith('2026-03-01'))));
    const together = mails.filter((m) => m.state === 'sent' && m.address.includes('gmail') && m.at >= '2026-03-02');
    expect(together.length).toBeGreaterThan(1);
    expect(await by({ state: 'sent', q: 'gmail.com', from: '2026-03-02' })).toEqual(newestFirst(together));
    const page = await read({ kind: 'password_reset' }, 50);
    expect(page.rows.every((r) => r.kind === 'password_reset' && r.subject.length > 0)).toBe(true);
  });

  it('drops malformed choices, refuses control characters in the search, and shows the first page for a tampered cursor', async () => {
    const { search, refused } = parseListSearch(outboxSearchSchema, {
      q: 'gmail\u0000.com',
      kind: 'spam',
      state: 'bounced',
      from: 'yesterday',
      to: '0000-01-01',
      sort: 'sideways',
      cursor: 'not a cursor!',
      dir: 'up',
    });
    expect(Object.values(search).filter((v) => v !== undefined)).toEqual([]);
    // The page leaves the search out and says why (the JSON route answers 400 instead).
    expect(refused).toEqual({ q: SEARCH_TEXT_ERRORS.control });
    expect(parseListSearch(outboxSearchSchema, { q: 'ab' }).search.q).toBeUndefined();
    const first = await read({}, 5);
    for (const cursor of TAMPERED_CURSORS) {
      const page = await read({ cursor, dir: 'next' }, 5);
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect(page.prevCursor).toBeNull();
    }
  });
});
