import { beforeAll, describe, expect, it, vi } from 'vitest';
import { configureDb } from '@/db/client';
import { ROLES } from '@/db/schema/enums';
import { runAction } from '@/lib/auth/action';
import { can } from '@/lib/auth/permissions';
import { currentActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { loadRegistry } from './registry';
import { ACTION_SAMPLES, PUBLIC_ACTIONS, ROUTE_SAMPLES } from './samples';
import { buildWorld, snapshotAll } from './world';

// The refusal matrix, generated from the registry: every server action × every role without its
// permission × anonymous, each refused with exactly the right code and nothing changed in any table.
// Each call is made twice: through runAction with the definition, and through the export itself (the
// function the browser calls), so an export that carries a definition but does not use it fails too.
// next-auth cannot load outside Next: the session is mocked (the actor is whoever the case says), as
// is the job queue (not running here) and revalidation (needs a request).
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('@/lib/jobs/enqueue', () => ({ enqueueScan: vi.fn(async () => {}) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const registry = await loadRegistry();
const t = setupTestDatabase();
// The exports reach the database through the web pool (db/client.ts): point it at this file's database.
beforeAll(() => configureDb(t.url));

const REFUSED = ['unauthenticated', 'forbidden'];

describe('the registry', () => {
  it('finds every action and route handler, each with a definition and a unique name', () => {
    expect(registry.problems).toEqual([]);
    expect(registry.actions.length).toBeGreaterThan(0);
    expect(registry.routes.length).toBeGreaterThan(0);
  });

  it('has a sample input for every action and route, and none for a name that is gone', () => {
    const actions = registry.actions.map((a) => a.definition.name).sort();
    const routes = registry.routes.map((r) => r.definition.name).sort();
    expect(
      actions.filter((name) => !ACTION_SAMPLES[name]),
      'actions without a sample input',
    ).toEqual([]);
    expect(
      routes.filter((name) => !ROUTE_SAMPLES[name]),
      'routes without sample parameters',
    ).toEqual([]);
    expect(Object.keys(ACTION_SAMPLES).sort()).toEqual(actions);
    expect(Object.keys(ROUTE_SAMPLES).sort()).toEqual(routes);
  });

  it('lets only the known public entry points go without a permission', () => {
    const open = [...registry.publicActions.map((a) => a.name), ...registry.publicRoutes.map((r) => r.name)];
    expect(open.sort()).toEqual(Object.keys(PUBLIC_ACTIONS).sort());
  });
});

const refusals = registry.actions.flatMap((entry) =>
  [null, ...ROLES.filter((role) => !can(role, entry.definition.permission))].map((role) => ({
    entry,
    role,
    label: `${entry.definition.name} (${entry.definition.permission}) refuses ${role ?? 'an anonymous caller'}`,
  })),
);

describe('every action refuses every caller without its permission, changing nothing', () => {
  for (const { entry, role, label } of refusals)
    it(label, async () => {
      expect.assertions(5);
      const def = entry.definition;
      const sample = ACTION_SAMPLES[def.name];
      expect(sample, `${def.name} has no sample input in samples.ts`).toBeTypeOf('function');
      const world = await buildWorld(t.db);
      const input = sample!(world);
      expect(def.input.safeParse(input).success, `the sample input of ${def.name} is valid`).toBe(true);
      const actor = role ? world.actors[role] : null;
      const code = role ? 'forbidden' : 'unauthenticated';

      const before = await snapshotAll(t.db);
      expect(await runAction(def, actor, input, t.db)).toMatchObject({ ok: false, code });
      vi.mocked(currentActor).mockResolvedValue(actor);
      expect(await entry.action(input)).toMatchObject({ ok: false, code });
      expect(await snapshotAll(t.db)).toEqual(before);
    });
});

// Positive controls: a wrapper that refused everyone would pass every case above. The least role
// allowed gets past the permission check (whatever the verb then says about the input or the rows).
const controls = registry.actions.map((entry) => ({
  entry,
  role: ROLES.find((role) => can(role, entry.definition.permission))!,
  label: `${entry.definition.name} is not refused to the least role allowed`,
}));

describe('every action lets a role with its permission through', () => {
  for (const { entry, role, label } of controls)
    it(label, async () => {
      expect.assertions(4);
      expect(role, `no role has ${entry.definition.permission}`).toBeDefined();
      const world = await buildWorld(t.db);
      const input = ACTION_SAMPLES[entry.definition.name]!(world);
      const direct = await runAction(entry.definition, world.actors[role], input, t.db);
      expect(REFUSED).not.toContain(direct.ok ? 'ok' : direct.code);
      // Through the export too, in a world of its own (the first call may have used up its rows).
      const again = await buildWorld(t.db);
      vi.mocked(currentActor).mockResolvedValue(again.actors[role]);
      const viaExport = await entry.action(ACTION_SAMPLES[entry.definition.name]!(again));
      expect(REFUSED).not.toContain(viaExport.ok ? 'ok' : viaExport.code);
      expect(viaExport).toHaveProperty('ok');
    });
});
