import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runRoute } from '@/lib/auth/route';
import type { UserActor } from '@/lib/auth/session';
import { listCandidatesPage } from '@/lib/lookalikes/queries';
import { type LookalikeSearch, lookalikeSearchSchema } from '@/lib/lookalikes/search';
import { parseListSearch } from '@/lib/pagination/search-params';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { makeUser } from '../dashboard/fixtures';
import { expectBackAndForth, TAMPERED_CURSORS, walkForward } from '../dashboard/keyset-walk';
import { setupTestDatabase } from '../../support/test-db';

// The staff list of look-alike candidates: keyset pages over (when we saw the registration, else when
// the candidate was first seen; the domain's id), each state, family and watched-name filter, and URLs
// a visitor edited by hand, through the query and through its JSON route. Every candidate is made here
// with known times: registered ones share instants in threes (the id breaks the ties).
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
const { GET } = await import('@/app/api/admin/lookalikes/route');

const t = setupTestDatabase();

interface Made {
  id: number;
  domain: string;
  /** The list's order: registered_seen_at, else first_seen_at. */
  at: string;
  registered: boolean;
  hasMx: boolean;
  mark: 'benign' | 'malicious' | null;
  names: string[];
  families: string[];
}
const made: Made[] = [];
const read = (search: LookalikeSearch, pageSize: number) => listCandidatesPage(t.db, search, pageSize);
const newestFirst = (rows: Made[]) =>
  [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((c) => c.id);
const all = (search: LookalikeSearch) => walkForward(read, search, 4);

beforeAll(async () => {
  const [pypi, npm] = await t.db.execute<{ id: string }>(sql`
    insert into lookalike_names (name, kind, tlds) values ('pypi.org', 'domain', '{org}'), ('npmjs', 'word', '{com}')
    returning id`);
  for (let i = 0; i < 30; i += 1) {
    const registered = i % 3 !== 2;
    // First seen over two days; registrations seen later, three to an instant.
    const firstSeen = `2025-05-0${1 + (i % 2)} 08:${String(i).padStart(2, '0')}:00.123456+00`;
    const registeredSeen = registered
      ? `2025-06-01 10:${String(Math.floor(i / 3)).padStart(2, '0')}:00.654321+00`
      : null;
    const c = {
      domain: `look${String(i).padStart(2, '0')}.org`,
      registered,
      hasMx: registered && i % 4 === 0,
      mark: i % 7 === 0 ? ('malicious' as const) : i % 11 === 1 ? ('benign' as const) : null,
      names: i % 5 === 0 ? ['npmjs', 'pypi.org'] : ['pypi.org'],
      families: i % 2 === 0 ? ['homoglyph'] : ['omission', 'tld'],
    };
    const [domain] = await t.db.execute<{ id: string }>(sql`
      insert into domains (name, stage, registered_at) values (${c.domain}, ${registered ? 'active' : 'available'},
        ${registered ? '2019-01-01T00:00:00Z' : null}) returning id`);
    const id = Number(domain!.id);
    await t.db.execute(sql`
      insert into lookalike_candidates (domain_id, unicode, first_seen_at, registered, registered_seen_at, has_mx, mark)
      values (${id}, ${c.domain}, ${firstSeen}::timestamptz, ${registered}, ${registeredSeen}::timestamptz, ${c.hasMx},
        ${c.mark})`);
    for (const name of c.names)
      await t.db.execute(sql`
        insert into lookalike_sources (name_id, domain_id, families)
        values (${Number((name === 'npmjs' ? npm : pypi)!.id)}, ${id}, ${`{${c.families.join(',')}}`}::text[])`);
    made.push({ ...c, id, at: registeredSeen ?? firstSeen });
  }
});

describe('look-alike candidates list', () => {
  it('pages the registered ones, the latest registration first, exactly once each, ties broken by id, and back', async () => {
    const registered = made.filter((c) => c.registered);
    expect(await walkForward(read, {}, 5)).toEqual(newestFirst(registered));
    await expectBackAndForth(read, {}, 4);
    const [first] = (await read({}, 1)).rows;
    const expected = made.find((c) => c.id === newestFirst(registered)[0])!;
    expect(first).toMatchObject({
      id: expected.id,
      domain: expected.domain,
      registered: true,
      registeredAt: '2019-01-01T00:00:00.000Z',
      names: expected.names,
      families: expected.families,
    });
  });

  it('pages oldest first in exactly the opposite order', async () => {
    const registered = made.filter((c) => c.registered);
    expect(await walkForward(read, { sort: 'oldest' }, 4)).toEqual(newestFirst(registered).reverse());
    await expectBackAndForth(read, { sort: 'oldest' }, 3);
  });

  it('filters by state, family and watched name, alone and together', async () => {
    expect(await all({ state: 'unregistered' })).toEqual(newestFirst(made.filter((c) => !c.registered)));
    expect(await all({ state: 'mail' })).toEqual(newestFirst(made.filter((c) => c.hasMx)));
    expect(await all({ state: 'malicious' })).toEqual(newestFirst(made.filter((c) => c.mark === 'malicious')));
    expect(await all({ state: 'benign' })).toEqual(newestFirst(made.filter((c) => c.mark === 'benign')));
    expect(await all({ state: 'all' })).toEqual(newestFirst(made));
    await expectBackAndForth(read, { state: 'all' }, 4);
    expect(await all({ family: 'homoglyph' })).toEqual(
      newestFirst(made.filter((c) => c.registered && c.families.includes('homoglyph'))),
    );
    expect(await all({ name: 'npmjs' })).toEqual(
      newestFirst(made.filter((c) => c.registered && c.names.includes('npmjs'))),
    );
    const together = made.filter((c) => c.families.includes('omission') && c.names.includes('npmjs'));
    expect(together.length).toBeGreaterThan(1);
    expect(await all({ state: 'all', family: 'omission', name: 'npmjs' })).toEqual(newestFirst(together));
    expect(await all({ name: 'nobody.example' })).toEqual([]);
  });

  it('drops malformed choices, refuses control characters in the watched name, and shows the first page for a tampered cursor', async () => {
    const { search, refused } = parseListSearch(lookalikeSearchSchema, {
      state: 'everything',
      family: 'typo',
      name: 'pypi\u0000.org',
      page: '2',
      sort: 'sideways',
      cursor: 'a'.repeat(201),
      dir: 'up',
    });
    expect(Object.values(search).filter((v) => v !== undefined)).toEqual([]);
    expect(refused).toEqual({ name: SEARCH_TEXT_ERRORS.control });
    const first = await read({}, 5);
    for (const cursor of TAMPERED_CURSORS) {
      const page = await read({ cursor, dir: 'next' }, 5);
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});

describe('GET /api/admin/lookalikes', () => {
  let staff: UserActor;
  const get = async (query: Record<string, string>) => {
    const response = await runRoute(GET.definition, staff, new URLSearchParams(query), t.db);
    return { status: response.status, body: await response.json() };
  };
  beforeAll(async () => {
    staff = await makeUser(t.db, 'staff', 'lookalike.reader');
  });

  it('answers the page the list shows, with the cursor to the next one, in the same JSON', async () => {
    const { status, body } = await get({ state: 'all' });
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(await listCandidatesPage(t.db, { state: 'all' }))));
    expect(body.rows).toHaveLength(30);
    expect(body.nextCursor).toBeNull();
    expect(body.prevCursor).toBeNull();
    const next = await get({ cursor: (await read({}, 5)).nextCursor!, dir: 'next' });
    expect(next.body.rows.map((r: { id: number }) => r.id)).toEqual((await walkForward(read, {}, 50)).slice(5));
  });

  it('refuses a watched name with control characters with 400 and a sentence, never 500', async () => {
    for (const name of ['pypi\u0000.org', '\u0000', 'pypi.org\u001b[0m']) {
      const { status, body } = await get({ name });
      expect(status).toBe(400);
      expect(body).toMatchObject({ ok: false, code: 'invalid_input', message: SEARCH_TEXT_ERRORS.control });
    }
  });

  it('answers the first page for a tampered cursor, and for malformed choices the default list', async () => {
    const first = await get({});
    for (const cursor of TAMPERED_CURSORS) expect(await get({ cursor, dir: 'next' })).toEqual(first);
    expect(await get({ state: 'x', family: 'x', sort: '1; drop', page: '7' })).toEqual(first);
  });
});
