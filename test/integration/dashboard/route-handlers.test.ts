import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/db/schema/enums';
import { type AnyRouteDefinition, runRoute } from '@/lib/auth/route';
import type { UserActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeUser } from './fixtures';

// The JSON behind the dashboard's polling: runRoute is defineRoute without the request, so each route
// is called with any actor. Nobody is signed in for the handlers themselves (next-auth cannot load here).
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));

const routes = {
  flags: await import('@/app/api/admin/flags/route'),
  overview: await import('@/app/api/admin/overview/route'),
  scans: await import('@/app/api/admin/scans/route'),
  scan: await import('@/app/api/admin/scans/[id]/route'),
  domain: await import('@/app/api/admin/domains/[domain]/route'),
  user: await import('@/app/api/admin/users/[id]/route'),
};

const t = setupTestDatabase();
const actors = {} as Record<Role, UserActor>;
let domainName: string;

beforeAll(async () => {
  for (const role of ['user', 'staff', 'admin'] as const) actors[role] = await makeUser(t.db, role);
  domainName = (await makeDomain(t.db, 'active', 'route-test.dev')).name;
});

const def = (name: keyof typeof routes): AnyRouteDefinition => routes[name].GET.definition;
const status = async (name: keyof typeof routes, role: Role | null, query: Record<string, string>) =>
  (await runRoute(def(name), role ? actors[role] : null, query, t.db)).status;

// A good query for each route, filled in once the test data exists.
const goodQuery = (name: keyof typeof routes): Record<string, string> =>
  name === 'scan'
    ? { id: '999999' }
    : name === 'user'
      ? { id: String(actors.staff.id) }
      : name === 'domain'
        ? { domain: domainName }
        : {};

describe.each(Object.keys(routes) as (keyof typeof routes)[])('GET %s', (name) => {
  it('carries a named definition with its permission', () => {
    expect(def(name).name).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(def(name).permission).toBeTruthy();
  });

  it('answers 401 to an anonymous caller and 403 to a plain user, through runRoute and the handler', async () => {
    expect(await status(name, null, goodQuery(name))).toBe(401);
    expect(await status(name, 'user', goodQuery(name))).toBe(403);
    const url = `http://gk.test/api/admin/${name}`;
    const response = await (routes[name].GET as (r: Request, c: unknown) => Promise<Response>)(new Request(url), {
      params: Promise.resolve({ id: '1', domain: 'route-test.dev' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

describe('allowed readers', () => {
  it('staff read the overview, the lists, a domain and a user', async () => {
    for (const name of ['flags', 'overview', 'scans', 'domain', 'user'] as const)
      expect(await status(name, 'staff', goodQuery(name))).toBe(200);
    const body = await (await runRoute(def('domain'), actors.admin, { domain: domainName }, t.db)).json();
    expect(body).toMatchObject({ name: domainName });
  });

  it('answers 400 to bad input, never 500', async () => {
    expect(await status('scan', 'staff', { id: 'x' })).toBe(400);
    expect(await status('user', 'staff', { id: '-4' })).toBe(400);
    expect(await status('domain', 'staff', { domain: '' })).toBe(400);
    expect(await status('scans', 'staff', { cursor: 'c'.repeat(500) })).toBe(400);
  });

  it('answers 404 to what does not exist', async () => {
    expect(await status('scan', 'staff', { id: '999999' })).toBe(404);
    expect(await status('user', 'staff', { id: '999999' })).toBe(404);
    expect(await status('domain', 'staff', { domain: 'not-watched.example' })).toBe(404);
  });
});
