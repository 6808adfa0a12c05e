import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { scans } from '@/db/schema';
import { ROLES } from '@/db/schema/enums';
import { runAction } from '@/lib/auth/action';
import { can } from '@/lib/auth/permissions';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from '../dashboard/fixtures';
import { loadRegistry } from './registry';
import { buildWorld, snapshotAll } from './world';

// What a role allowed to call an action still cannot do, for every action in the registry: send
// input of the wrong shape (refused with invalid_input, nothing changed). And the limits on the
// dashboard's scans: one full scan at a time, rescans rate limited per actor.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('@/lib/jobs/enqueue', () => ({ enqueueScan: vi.fn(async () => {}) }));

const registry = await loadRegistry();
const t = setupTestDatabase();
const byName = (name: string) => registry.actions.find((a) => a.definition.name === name)!.definition;

// Wrong types for every field the actions take; an action whose schema takes no field at all gets a
// value that is not an object.
const MALFORMED = {
  flagIds: 'all',
  scanId: -1,
  emailId: 'x',
  domain: '',
  address: 1,
  username: '',
  userId: 'x',
  token: '',
  code: 1,
  password: 1,
  warningWindowDays: 'soon',
  list: 'grey',
};

describe('every action refuses malformed input from a role allowed to call it, changing nothing', () => {
  for (const { definition: def } of registry.actions)
    it(def.name, async () => {
      expect.assertions(3);
      const role = ROLES.find((r) => can(r, def.permission))!;
      const world = await buildWorld(t.db);
      const input = def.input.safeParse(MALFORMED).success ? 'not an object' : MALFORMED;
      expect(def.input.safeParse(input).success).toBe(false);
      const before = await snapshotAll(t.db);
      expect(await runAction(def, world.actors[role], input, t.db)).toMatchObject({
        ok: false,
        code: 'invalid_input',
      });
      expect(await snapshotAll(t.db)).toEqual(before);
    });
});

describe('scans from the dashboard', () => {
  it('staff rescan a domain and a user; an admin starts one full scan, a second is a conflict', async () => {
    const world = await buildWorld(t.db);
    const staff = world.actors.staff;
    expect(await runAction(byName('scan.rescan_domain'), staff, { domain: world.domain }, t.db)).toMatchObject({
      ok: true,
    });
    expect(
      await runAction(byName('scan.rescan_user'), staff, { username: world.flagged.username }, t.db),
    ).toMatchObject({ ok: true });
    await t.db.delete(scans).where(eq(scans.kind, 'full'));
    const full = byName('scan.request_full');
    expect(await runAction(full, world.actors.admin, {}, t.db)).toMatchObject({ ok: true });
    expect(await runAction(full, world.actors.admin, {}, t.db)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('rate-limits rescans per actor', async () => {
    const world = await buildWorld(t.db);
    const busy = await makeUser(t.db, 'staff');
    const rescan = byName('scan.rescan_domain');
    const results = [];
    for (let i = 0; i < 31; i += 1) results.push(await runAction(rescan, busy, { domain: world.domain }, t.db));
    expect(results.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
  });
});
