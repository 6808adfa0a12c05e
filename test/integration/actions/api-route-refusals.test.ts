import { beforeAll, describe, expect, it, vi } from 'vitest';
import { configureDb } from '@/db/client';
import { API_SCOPES, ROLES } from '@/db/schema/enums';
import { apiTokens } from '@/db/schema';
import { newApiToken } from '@/lib/api-tokens/secret';
import { currentActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { unique } from '../account/fixtures';
import { loadRegistry, type RegisteredApiRoute } from './registry';
import { API_ROUTE_SAMPLES } from './samples';
import { buildWorld, snapshotAll } from './world';

// The integration API's refusal matrix, generated from the registry: every /api/v1 route × every
// way in without its scope (no header, a malformed or unknown token, a revoked token with the
// scope, a token holding every other scope, and a signed-in session of every role without a token)
// answers 401 or 403 with a JSON failure, and no table changes. A positive control per route: a
// token with the scope gets 200.
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));

const registry = await loadRegistry();
const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

async function tokenWith(scopes: string[], revoked = false): Promise<string> {
  const secret = newApiToken();
  await t.db.insert(apiTokens).values({
    name: unique('token'),
    scopes,
    tokenHash: secret.hash,
    prefix: secret.prefix,
    revokedAt: revoked ? new Date() : null,
  });
  return secret.token;
}

async function call(route: RegisteredApiRoute, authorization: string | null): Promise<Response> {
  const sample = API_ROUTE_SAMPLES[route.definition.name]?.() ?? {};
  const query = new URLSearchParams(sample.query ?? {});
  const headers: Record<string, string> = authorization ? { authorization } : {};
  if (sample.body !== undefined) headers['content-type'] = 'application/json';
  return route.handler(
    new Request(`http://localhost${route.urlPath}?${query}`, {
      method: route.method,
      headers,
      body: sample.body === undefined ? undefined : JSON.stringify(sample.body),
    }),
  );
}

type Way = { label: string; authorization: () => Promise<string | null>; status: 401 | 403; role?: string };
const waysIn = (route: RegisteredApiRoute): Way[] => [
  { label: 'no Authorization header', authorization: async () => null, status: 401 },
  { label: 'a malformed token', authorization: async () => 'Bearer not-a-token', status: 401 },
  { label: 'a Basic header', authorization: async () => 'Basic YWRtaW46YWRtaW4=', status: 401 },
  { label: 'an unknown token', authorization: async () => `Bearer ${newApiToken().token}`, status: 401 },
  {
    label: `a revoked token with ${route.definition.scope}`,
    authorization: async () => `Bearer ${await tokenWith([route.definition.scope], true)}`,
    status: 401,
  },
  {
    label: 'a token with every other scope',
    authorization: async () => `Bearer ${await tokenWith(API_SCOPES.filter((s) => s !== route.definition.scope))}`,
    status: 403,
  },
  ...ROLES.map((role) => ({
    label: `a signed-in ${role} without a token`,
    authorization: async () => null,
    status: 401 as const,
    role,
  })),
];

describe('the integration API has routes, each with a sample', () => {
  it('finds them, each with a scope and a sample query', () => {
    expect(registry.apiRoutes.length).toBeGreaterThan(0);
    const names = registry.apiRoutes.map((r) => r.definition.name).sort();
    expect(Object.keys(API_ROUTE_SAMPLES).sort()).toEqual(names);
  });
});

for (const route of registry.apiRoutes)
  describe(`${route.method} ${route.urlPath} (scope ${route.definition.scope})`, () => {
    for (const way of waysIn(route))
      it(`refuses ${way.label} with ${way.status}, changing nothing`, async () => {
        expect.assertions(4);
        const world = await buildWorld(t.db);
        vi.mocked(currentActor).mockResolvedValue(way.role ? world.actors[way.role as 'user'] : null);
        const authorization = await way.authorization();
        const before = await snapshotAll(t.db);
        const response = await call(route, authorization);
        expect(response.status).toBe(way.status);
        expect(response.headers.get('content-type')).toContain('application/json');
        expect(await response.json()).toMatchObject({
          ok: false,
          code: way.status === 401 ? 'unauthenticated' : 'forbidden',
        });
        expect(await snapshotAll(t.db)).toEqual(before);
      });

    it('answers a token with its scope', async () => {
      const response = await call(route, `Bearer ${await tokenWith([route.definition.scope])}`);
      expect(response.status).toBe(200);
    });
  });
