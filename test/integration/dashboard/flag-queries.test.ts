import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFlaggedEmails } from '@/lib/flags/queries';
import { type FlagsSearch, parseFlagsSearch } from '@/lib/flags/search';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeFlag, makeUser } from './fixtures';

const t = setupTestDatabase();
const expected: { id: number; createdAt: string }[] = [];
let special: { user: string; domain: string; address: string };

beforeAll(async () => {
  const shared = await makeDomain(t.db, 'available', 'shared-lapse.dev');
  const base = Date.parse('2026-03-01T12:00:00Z');
  for (let i = 0; i < 70; i += 1) {
    // Groups of three share one millisecond, so the cursor's tie-break on id is exercised.
    const createdAt = new Date(base - Math.floor(i / 3) * 3_600_000);
    const made = await makeFlag(t.db, {
      createdAt,
      stage: i % 2 ? 'redemption' : 'available',
      state: i % 5 === 0 ? 'pending_review' : 'open',
      domain: i % 7 === 0 ? shared : undefined,
    });
    expected.push({ id: made.flag.id, createdAt: createdAt.toISOString() });
  }
  // Same millisecond, different microseconds: a millisecond cursor would skip one of these.
  await t.db.execute(
    sql`update flags set created_at = created_at + interval '250 microseconds' where id = ${expected[1]!.id}`,
  );
  const owner = await makeUser(t.db, 'user', 'zelda.searchable');
  const f = await makeFlag(t.db, { userId: owner.id, createdAt: new Date('2025-01-01T00:00:00Z') });
  special = { user: owner.username, domain: f.domain.name, address: f.email.address };
  expected.push({ id: f.flag.id, createdAt: '2025-01-01T00:00:00.000Z' });
});

async function walk(search: FlagsSearch, pageSize: number) {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await listFlaggedEmails(t.db, { ...search, cursor, dir: 'next' }, pageSize);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe('flagged emails list', () => {
  it('pages newest first through every flag exactly once, and back again', async () => {
    const ids = await walk({}, 7);
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
    const first = await listFlaggedEmails(t.db, {}, 7);
    expect(first.prevCursor).toBeNull();
    const second = await listFlaggedEmails(t.db, { cursor: first.nextCursor!, dir: 'next' }, 7);
    const back = await listFlaggedEmails(t.db, { cursor: second.prevCursor!, dir: 'prev' }, 7);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.prevCursor).toBeNull();
    const created = ids.map((id) => Date.parse(expected.find((e) => e.id === id)!.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('pages oldest first in the opposite order', async () => {
    const newest = await walk({}, 9);
    const oldest = await walk({ sort: 'oldest' }, 9);
    expect(oldest).toEqual([...newest].reverse());
  });

  it('combines filters: state, stage, domain, user, dates, search', async () => {
    const pending = await walk({ state: 'pending_review' }, 5);
    expect(pending).toHaveLength(14);
    const redemption = (await listFlaggedEmails(t.db, { state: 'open', stage: 'redemption' }, 100)).rows;
    expect(redemption.every((r) => r.state === 'open' && r.stage === 'redemption')).toBe(true);
    const shared = (await listFlaggedEmails(t.db, parseFlagsSearch({ domain: 'Shared-Lapse.dev' }), 100)).rows;
    expect(shared).toHaveLength(10);
    expect(shared.every((r) => r.domain === 'shared-lapse.dev')).toBe(true);
    const byUser = (await listFlaggedEmails(t.db, { user: special.user }, 100)).rows;
    expect(byUser.map((r) => r.address)).toEqual([special.address]);
    const byDate = (await listFlaggedEmails(t.db, parseFlagsSearch({ from: '2024-12-31', to: '2025-01-01' }), 100))
      .rows;
    expect(byDate.map((r) => r.username)).toEqual([special.user]);
    const search = (await listFlaggedEmails(t.db, parseFlagsSearch({ q: 'searchab' }), 100)).rows;
    expect(search.map((r) => r.username)).toEqual([special.user]);
    const byAddress = (await listFlaggedEmails(t.db, parseFlagsSearch({ q: special.address.slice(0, 8) }), 100)).rows;
    expect(byAddress.map((r) => r.address)).toContain(special.address);
    const nothing = (await listFlaggedEmails(t.db, parseFlagsSearch({ domain: 'nope.example' }), 100)).rows;
    expect(nothing).toEqual([]);
  });

  it('ignores malformed URL values and tampered cursors instead of failing', async () => {
    const search = parseFlagsSearch({
      state: 'bogus',
      stage: 'x',
      from: 'yesterday',
      q: 'ab',
      cursor: 'not a cursor!',
      sort: 'sideways',
    });
    expect(search).toEqual({
      state: undefined,
      stage: undefined,
      domain: undefined,
      user: undefined,
      from: undefined,
      to: undefined,
      q: undefined,
      sort: undefined,
      cursor: undefined,
      dir: undefined,
    });
    const tampered = await listFlaggedEmails(
      t.db,
      { cursor: Buffer.from("x'; drop table flags|1").toString('base64url') },
      5,
    );
    expect(tampered.rows).toHaveLength(5);
  });
});
