import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { STAGES } from '@/core/domains';
import { configureDb } from '@/db/client';
import { apiTokens } from '@/db/schema';
import description from '@/lib/api/openapi.json';
import { newApiToken } from '@/lib/api-tokens/secret';
import { ELIGIBILITY_REASONS } from '@/lib/eligibility/schemas';
import { GET as openapiRoute } from '@/app/api/v1/openapi.json/route';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, unique } from '../account/fixtures';
import { loadRegistry } from '../actions/registry';
import { API_ROUTE_SAMPLES } from '../actions/samples';

// The checked-in OpenAPI description (lib/api/openapi.json) and the routes, held to each other:
// every /api/v1 route is described with its scope, nothing is described that is not served, and
// real answers of every documented status validate against the documented schema.
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));

const registry = await loadRegistry();
const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

type Operation = { 'x-gravekeeper-scope'?: string; responses: Record<string, { $ref?: string; content?: unknown }> };
const paths = description.paths as unknown as Record<string, Record<string, Operation>>;

const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
// The component schemas as one JSON Schema (strict: a keyword Ajv does not know fails here); their
// references to each other point into it.
const defs = JSON.parse(
  JSON.stringify(description.components.schemas).replaceAll('#/components/schemas/', 'openapi#/$defs/'),
) as Record<string, object>;
ajv.addSchema({ $id: 'openapi', $defs: defs });
const validators = Object.fromEntries(
  Object.keys(defs).map((name) => [name, ajv.getSchema(`openapi#/$defs/${name}`)!]),
);

/** The schema a documented response of `status` promises, as a validator. */
function validatorFor(operation: Operation, status: number) {
  const response = operation.responses[String(status)];
  expect(response, `status ${status} is documented`).toBeDefined();
  const resolved = response!.$ref
    ? (description.components.responses as Record<string, { content: unknown }>)[response!.$ref.split('/').pop()!]
    : response;
  const ref = (resolved as { content: { 'application/json': { schema: { $ref: string } } } }).content[
    'application/json'
  ].schema.$ref;
  return validators[ref.replace('#/components/schemas/', '')]!;
}

async function token(scopes: string[]) {
  const secret = newApiToken();
  await t.db.insert(apiTokens).values({ name: unique('t'), scopes, tokenHash: secret.hash, prefix: secret.prefix });
  return secret.token;
}

describe('the description and the routes', () => {
  it('describes every /api/v1 route with its method and scope, and nothing more', () => {
    const served = registry.apiRoutes.map((r) => `${r.method} ${r.urlPath} ${r.definition.scope}`).sort();
    const described = Object.entries(paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op['x-gravekeeper-scope'] ?? ''}`),
      )
      .filter((line) => !line.startsWith('GET /api/v1/openapi.json'))
      .sort();
    expect(described).toEqual(served);
    expect(registry.apiRoutes.every((r) => API_ROUTE_SAMPLES[r.definition.name])).toBe(true);
  });

  it('is served as checked in, to anyone', async () => {
    const response = await openapiRoute();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(description);
    expect(registry.publicRoutes.map((r) => r.name)).toContain('api.openapi');
  });

  it('lists the reasons and stages the code can answer', () => {
    const props = description.components.schemas.RecoveryEligibility.properties;
    expect([...props.reason.enum].sort()).toEqual([...ELIGIBILITY_REASONS].sort());
    expect(props.stage.enum).toEqual([...STAGES, null]);
  });
});

describe('GET /api/v1/recovery-eligibility answers as documented', () => {
  const operation = paths['/api/v1/recovery-eligibility']!.get!;
  const route = () => registry.apiRoutes.find((r) => r.urlPath === '/api/v1/recovery-eligibility')!;
  const call = (authorization: string | null, address: string) =>
    route().handler(
      new Request(`http://localhost/api/v1/recovery-eligibility?address=${encodeURIComponent(address)}`, {
        headers: authorization ? { authorization } : {},
      }),
    );

  it('200 for an eligible, a held-back and an unknown address', async () => {
    const user = await makeUser(t.db);
    const good = `${unique('g')}@gmail.com`;
    const lapsing = `${unique('l')}@${unique('d')}.dev`;
    await makeAddress(t.db, user.id, good, { primary: true });
    await makeAddress(t.db, user.id, lapsing, { domainStage: 'grace' });
    const bearer = `Bearer ${await token(['eligibility'])}`;
    const validate = validatorFor(operation, 200);
    for (const address of [good, lapsing, `${unique('n')}@example.org`]) {
      const response = await call(bearer, address);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('400, 401 and 403 with the documented failure', async () => {
    const cases: [string | null, string, number][] = [
      [`Bearer ${await token(['eligibility'])}`, 'not an address', 400],
      [null, 'a@gmail.com', 401],
      [`Bearer ${await token(['sync', 'read'])}`, 'a@gmail.com', 403],
    ];
    for (const [authorization, address, status] of cases) {
      const response = await call(authorization, address);
      expect(response.status).toBe(status);
      const validate = validatorFor(operation, status);
      const body = await response.json();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe('POST /api/v1/accounts:sync answers as documented', () => {
  const operation = paths['/api/v1/accounts:sync']!.post!;
  const route = () => registry.apiRoutes.find((r) => r.urlPath === '/api/v1/accounts:sync')!;
  const call = async (body: unknown) =>
    route().handler(
      new Request('http://localhost/api/v1/accounts:sync', {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(['sync'])}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('200, 400 and 409 with the documented bodies, and the sample batch fits the request schema', async () => {
    const admin = await makeUser(t.db, 'admin');
    const u = unique('s');
    const good = { accounts: [{ username: u, addresses: [{ address: `${u}@gmail.com`, verified: true }] }] };
    expect(validators.SyncBatch!(good), JSON.stringify(validators.SyncBatch!.errors)).toBe(true);
    const cases: [unknown, number][] = [
      [good, 200],
      [{ accounts: [{ username: u, addresses: [{ address: 'nope', verified: true }] }] }, 400],
      [{ accounts: [{ username: admin.username, addresses: [] }] }, 409],
    ];
    for (const [body, status] of cases) {
      const response = await call(body);
      expect(response.status).toBe(status);
      const validate = validatorFor(operation, status);
      const answer = await response.json();
      expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
