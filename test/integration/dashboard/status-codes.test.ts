import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '@/db/connect';
import type { Role } from '@/db/schema/enums';
import { type AnyRouteDefinition, runRoute } from '@/lib/auth/route';
import type { UserActor } from '@/lib/auth/session';
import { isDatabaseUnavailable } from '@/lib/database-unavailable';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeUser } from './fixtures';

// Issue 16: every admin route answers bad input with 400 and a sentence, what is missing with 404, a
// role without the permission with 403, and never 500 — a NUL byte in a filter used to reach
// PostgreSQL ("invalid byte sequence") and come back as a 500. Routes run through runRoute, the
// handler's own steps once the caller is known (next-auth cannot load here).
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));

const routes = {
  flags: await import('@/app/api/admin/flags/route'),
  scans: await import('@/app/api/admin/scans/route'),
  scan: await import('@/app/api/admin/scans/[id]/route'),
  domain: await import('@/app/api/admin/domains/[domain]/route'),
  user: await import('@/app/api/admin/users/[id]/route'),
};
type RouteName = keyof typeof routes;

const t = setupTestDatabase();
const actors = {} as Record<Role, UserActor>;
let domainName: string;

beforeAll(async () => {
  for (const role of ['user', 'staff', 'admin'] as const) actors[role] = await makeUser(t.db, role);
  domainName = (await makeDomain(t.db, 'active', 'status-codes.dev')).name;
});

const call = async (name: RouteName, query: Record<string, string>, role: Role = 'staff') => {
  const response = await runRoute(routes[name].GET.definition as AnyRouteDefinition, actors[role], query, t.db);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('a NUL byte or another control character in a filter', () => {
  it.each(['q', 'domain', 'user'])('flags ?%s= is refused with 400 and a plain sentence', async (key) => {
    const refused = await call('flags', { [key]: 'abc\u0000def' });
    expect(refused).toEqual({
      status: 400,
      body: expect.objectContaining({ ok: false, code: 'invalid_input', message: SEARCH_TEXT_ERRORS.control }),
    });
    // The same filter without the NUL byte is read as usual.
    expect((await call('flags', { [key]: 'abcdef' })).status).toBe(200);
  });

  it('a tab or an escape inside the search is refused the same way', async () => {
    expect((await call('flags', { q: 'ab\tcd' })).status).toBe(400);
    expect((await call('flags', { q: 'ab\u001bcd' })).status).toBe(400);
  });

  it('search text past its length is refused with 400, not cut or passed on', async () => {
    const refused = await call('flags', { q: 'a'.repeat(101) });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(SEARCH_TEXT_ERRORS.tooLong(100));
  });

  it('a domain path with a NUL byte is bad input (400), not a database failure', async () => {
    const refused = await call('domain', { domain: `${domainName}\u0000` });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'invalid_input',
      message: 'A domain name cannot contain control characters.',
    });
  });

  it("the scans list's page cursor with a NUL byte is bad input (400)", async () => {
    expect((await call('scans', { cursor: '\u0000' })).status).toBe(400);
    expect((await call('scans', { cursor: 'not a cursor' })).status).toBe(400);
    expect((await call('scans', {})).status).toBe(200);
  });

  it('a malformed or year-0 day filter is dropped, never sent to PostgreSQL', async () => {
    expect((await call('flags', { from: '0000-01-01', to: '2025-02-30' })).status).toBe(200);
  });
});

describe('ids and names in the path', () => {
  it.each([
    ['scan', 'abc'],
    ['scan', '1e3'],
    ['user', '0x10'],
    ['user', ' 7'],
    ['user', '99999999999999999999'],
  ] as const)('%s id %j is bad input (400)', async (name, id) => {
    const refused = await call(name, { id });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'invalid_input',
      message: 'An id is a whole number from 1 up, written in digits.',
    });
  });

  it('what does not exist answers 404 with a sentence', async () => {
    expect(await call('user', { id: '999999' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await call('scan', { id: '999999' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await call('domain', { domain: 'not..valid' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('a real user and domain are read (200), so the 404s above are about the ids', async () => {
    expect((await call('user', { id: String(actors.user.id) })).status).toBe(200);
    expect((await call('domain', { domain: domainName })).status).toBe(200);
  });

  it('a plain user is refused every admin route with 403, whatever the input', async () => {
    for (const [name, query] of [
      ['flags', { q: '\u0000' }],
      ['scan', { id: 'abc' }],
      ['user', { id: '999999' }],
      ['domain', { domain: domainName }],
    ] as const)
      expect((await call(name, query, 'user')).status).toBe(403);
  });
});

describe('a database that does not answer', () => {
  // A real pool pointed at a port nothing listens on: the driver's own connection error.
  const unreachable = createDb('postgres://postgres@127.0.0.1:1/none', { max: 1 });
  afterAll(() => unreachable.close());

  it('is a 503 in words, not a 500', async () => {
    const response = await runRoute(
      routes.user.GET.definition as AnyRouteDefinition,
      actors.staff,
      { id: '1' },
      unreachable.db,
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      ok: false,
      code: 'provider_unavailable',
      message: 'The database did not answer. Nothing was changed; try again in a moment.',
    });
  });

  it('is told apart from a query PostgreSQL refused (which is no outage)', async () => {
    const down = await unreachable.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(down)).toBe(true);
    const refusedQuery = await t.db.execute(sql`select ${'a\u0000b'}::text`).catch((e: unknown) => e);
    expect(refusedQuery).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(refusedQuery)).toBe(false);
  });
});
