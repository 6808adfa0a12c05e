import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { scans } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { type AnyActionDefinition, runAction } from '@/lib/auth/action';
import type { UserActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeFlag, makeUser, snapshot } from './fixtures';

// runAction is defineAction without the request: the same steps for any actor. next-auth cannot load
// outside Next, and the job queue is not running here.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
vi.mock('@/lib/jobs/enqueue', () => ({ enqueueScan: vi.fn(async () => {}) }));

const flags = await import('@/app/(admin)/admin/flags/actions');
const scans_ = await import('@/app/(admin)/admin/scans/actions');
const users = await import('@/app/(admin)/admin/users/actions');
const settings = await import('@/app/(admin)/admin/settings/actions');
const def = (action: { definition: AnyActionDefinition }) => action.definition;
const reviewFlagsDef = def(flags.reviewFlagsAction);
const overrideFlagsDef = def(flags.overrideFlagsAction);
const notifyFlagsDef = def(flags.notifyFlagsAction);
const rescanDomainDef = def(scans_.rescanDomainAction);
const rescanUserDef = def(scans_.rescanUserAction);
const fullScanDef = def(scans_.startFullScanAction);
const cancelScanDef = def(scans_.cancelScanAction);
const notifyUserDef = def(users.notifyUserAction);
const updatePolicyDef = def(settings.updatePolicyAction);
const addDomainListDef = def(settings.addDomainListAction);
const removeDomainListDef = def(settings.removeDomainListAction);

const t = setupTestDatabase();
const actors = {} as Record<Role, UserActor>;
let input: Record<string, unknown>;

beforeAll(async () => {
  for (const role of ['user', 'staff', 'admin'] as const) actors[role] = await makeUser(t.db, role);
  const domain = await makeDomain(t.db, 're_registered', 'refusal-test.dev');
  const held = await makeFlag(t.db, { state: 'pending_review', domain, stage: 're_registered' });
  const [scan] = await t.db
    .insert(scans)
    .values({ kind: 'domain', trigger: 'dashboard', target: domain.name, state: 'running' })
    .returning();
  input = {
    review: { flagIds: [held.flag.id], decision: 'confirm' },
    override: {
      flagIds: [held.flag.id],
      decision: 'restore_verified',
      reason: 'looks fine to me',
      confirmation: domain.name,
    },
    notify: { flagIds: [held.flag.id] },
    notifyUser: { userId: held.userId },
    rescanDomain: { domain: domain.name },
    rescanUser: { username: actors.user.username },
    fullScan: {},
    cancel: { scanId: scan!.id },
    policy: { warningWindowDays: 10 },
    addDomain: { list: 'trusted', domain: 'newprovider.example' },
    removeDomain: { domain: 'gmail.com' },
  };
});

// Each write with the highest role that must be refused.
const cases: [string, AnyActionDefinition, keyof typeof input, Role][] = [
  ['review flags', reviewFlagsDef, 'review', 'user'],
  ['override flags', overrideFlagsDef, 'override', 'user'],
  ['notify flag users', notifyFlagsDef, 'notify', 'user'],
  ['notify a user', notifyUserDef, 'notifyUser', 'user'],
  ['rescan a domain', rescanDomainDef, 'rescanDomain', 'user'],
  ['rescan a user', rescanUserDef, 'rescanUser', 'user'],
  ['start a full scan', fullScanDef, 'fullScan', 'staff'],
  ['cancel a scan', cancelScanDef, 'cancel', 'staff'],
  ['update the policy', updatePolicyDef, 'policy', 'staff'],
  ['add to a domain list', addDomainListDef, 'addDomain', 'staff'],
  ['remove from a domain list', removeDomainListDef, 'removeDomain', 'staff'],
];

describe.each(cases)('%s', (_name, def, key, lowerRole) => {
  it(`refuses an anonymous caller and a ${lowerRole}, changing nothing`, async () => {
    const before = await snapshot(t.db);
    expect(await runAction(def, null, input[key], t.db)).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await runAction(def, actors[lowerRole], input[key], t.db)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses malformed input from an allowed role, changing nothing', async () => {
    const before = await snapshot(t.db);
    const result = await runAction(
      def,
      actors.admin,
      { flagIds: 'all', scanId: -1, domain: '', username: '', userId: 'x', warningWindowDays: 'soon', list: 'grey' },
      t.db,
    );
    // fullScan takes no input: extra fields are dropped and it would start; it is covered below.
    if (key !== 'fullScan') expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    else if (result.ok) await t.db.delete(scans).where(eq(scans.kind, 'full'));
    if (key !== 'fullScan') expect(await snapshot(t.db)).toBe(before);
  });
});

describe('allowed roles', () => {
  it('staff rescan a domain and a user; an admin starts one full scan, a second is a conflict', async () => {
    expect(await runAction(rescanDomainDef, actors.staff, input.rescanDomain, t.db)).toMatchObject({
      ok: true,
    });
    expect(await runAction(rescanUserDef, actors.staff, input.rescanUser, t.db)).toMatchObject({ ok: true });
    expect(await runAction(fullScanDef, actors.admin, {}, t.db)).toMatchObject({ ok: true });
    expect(await runAction(fullScanDef, actors.admin, {}, t.db)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('rate-limits rescans per actor', async () => {
    const busy = await makeUser(t.db, 'staff');
    const results = [];
    for (let i = 0; i < 31; i += 1) results.push(await runAction(rescanDomainDef, busy, input.rescanDomain, t.db));
    expect(results.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
  });
});
