import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type AnyRouteDefinition, runRoute } from '@/lib/auth/route';
import type { UserActor } from '@/lib/auth/session';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from './fixtures';
import { TAMPERED_CURSORS } from './keyset-walk';

// The JSON behind the three keyset lists, as the browser calls it (query string in, JSON out): a search
// with control characters is refused with 400 (a NUL byte that reached PostgreSQL would fail the query:
// 500), a malformed choice is dropped, a cursor we did not write (one naming no real instant would fail
// its cast) reads as the first page.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));

const routes = {
  outbox: (await import('@/app/api/admin/outbox/route')).GET.definition,
  resets: (await import('@/app/api/admin/resets/route')).GET.definition,
  users: (await import('@/app/api/admin/users/route')).GET.definition,
};

const t = setupTestDatabase();
let staff: UserActor;

beforeAll(async () => {
  staff = await makeUser(t.db, 'staff', 'route.reader');
  const user = await makeUser(t.db, 'user', 'nul.tester');
  for (let i = 0; i < 12; i += 1) {
    await t.db.execute(sql`
      insert into notifications (user_id, address, kind, channel, dedupe_key, state)
      values (${user.id}, ${`nul.tester${i}@gmail.com`}, 'password_reset', 'email', ${`route-test:${i}`}, 'sent')`);
    await t.db.execute(sql`
      insert into reset_attempts (input, user_id, outcome) values (${`nul.tester${i}@gmail.com`}, ${user.id}, 'sent')`);
  }
});

const get = async (def: AnyRouteDefinition, query: Record<string, string>) => {
  const response = await runRoute(def, staff, new URLSearchParams(query), t.db);
  return { status: response.status, body: await response.json() };
};

describe.each(Object.keys(routes) as (keyof typeof routes)[])('GET /api/admin/%s', (name) => {
  const def = () => routes[name];

  it('answers a page of rows with the cursor to the next one', async () => {
    const { status, body } = await get(def(), { q: 'nul.tester' });
    expect(status).toBe(200);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body).toHaveProperty('nextCursor');
    expect(body.prevCursor).toBeNull();
  });

  it('refuses a search with control characters (NUL included) with 400 and a sentence, never 500', async () => {
    for (const q of ['nul\u0000tester', '\u0000', 'tester\u0007', 'nul.tester\u001b[0m']) {
      const { status, body } = await get(def(), { q });
      expect(status).toBe(400);
      expect(body).toMatchObject({ ok: false, code: 'invalid_input', message: SEARCH_TEXT_ERRORS.control });
    }
  });

  it('answers the first page for a tampered cursor, and for malformed filters the unfiltered list', async () => {
    const first = await get(def(), {});
    for (const cursor of TAMPERED_CURSORS) {
      const { status, body } = await get(def(), { cursor, dir: 'next' });
      expect(status).toBe(200);
      expect(body).toEqual(first.body);
    }
    const odd = await get(def(), { from: '0000-01-01', to: '2026-02-30', sort: '1; drop', state: 'x', role: 'x' });
    expect(odd).toEqual(first);
  });
});
