import { beforeAll, describe, expect, it, vi } from 'vitest';
import { configureDb } from '@/db/client';
import { ROLES, type Role } from '@/db/schema/enums';
import { can } from '@/lib/auth/permissions';
import { currentActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { loadRegistry, type RegisteredRoute } from './registry';
import { ROUTE_SAMPLES } from './samples';
import { buildWorld, snapshotAll, type World } from './world';

// The route handlers' refusal matrix, generated from the registry: every handler (as Next calls it,
// with a Request and its path parameters) × every role without its permission × anonymous answers
// 401 or 403 with a JSON failure, and no table changes. A positive control per route shows the
// handler is not one that refuses everyone. (Whether the registry is complete: refusals.test.ts.)
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));

const registry = await loadRegistry();
const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

/** Calls the handler as Next would for its URL, with `role`'s session (null: none). */
async function call(route: RegisteredRoute, world: World, role: Role | null): Promise<Response> {
  const params = ROUTE_SAMPLES[route.definition.name]!(world);
  const path = route.urlPath.replace(/\[(\w+)\]/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
  vi.mocked(currentActor).mockResolvedValue(role ? world.actors[role] : null);
  return route.handler(new Request(`http://localhost${path}`, { method: route.method }), {
    params: Promise.resolve(params),
  });
}

const refusals = registry.routes.flatMap((route) =>
  [null, ...ROLES.filter((role) => !can(role, route.definition.permission))].map((role) => ({
    route,
    role,
    label: `${route.method} ${route.urlPath} (${route.definition.permission}) refuses ${role ?? 'an anonymous caller'}`,
  })),
);

describe('every route handler refuses every caller without its permission', () => {
  for (const { route, role, label } of refusals)
    it(label, async () => {
      expect.assertions(5);
      expect(ROUTE_SAMPLES[route.definition.name], `${route.definition.name} has no sample in samples.ts`).toBeTypeOf(
        'function',
      );
      const world = await buildWorld(t.db);
      const before = await snapshotAll(t.db);
      const response = await call(route, world, role);
      expect(response.status).toBe(role ? 403 : 401);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ ok: false, code: role ? 'forbidden' : 'unauthenticated' });
      expect(await snapshotAll(t.db)).toEqual(before);
    });
});

describe('every route handler answers a role with its permission', () => {
  for (const route of registry.routes)
    it(`${route.method} ${route.urlPath} answers the least role allowed`, async () => {
      expect.assertions(2);
      const role = ROLES.find((r) => can(r, route.definition.permission));
      expect(role, `no role has ${route.definition.permission}`).toBeDefined();
      const response = await call(route, await buildWorld(t.db), role!);
      // The samples point at rows that exist: the read itself succeeds.
      expect(response.status).toBe(200);
    });
});
