import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { SECOND_FACTOR_REQUIRED } from '@/lib/auth/permissions';
import { recordSignInProof } from '@/lib/auth/step-up';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from '../account/fixtures';
import { snapshotAll } from '../actions/world';
import { makeDomain } from '../dashboard/fixtures';

// Staff and admin powers need a second factor, checked where the role is re-read from the database
// (currentActor) and applied by every page, action and route. The attack: a staff or admin session
// whose account has no second factor replays a staff action, reads a staff route, opens a staff
// page. Before the gate each of these went through; now the action and route are refused and the
// page sends the account to enrol. The session is the real currentActor reading a next-auth session
// (mocked at next-auth, which cannot load here) against this test's database.

const state = vi.hoisted(() => ({ db: null as Db | null, session: null as null | { user: Record<string, unknown> } }));
vi.mock('@/lib/auth', () => ({ auth: async () => state.session, signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('@/db/client', () => ({ getDb: () => state.db }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/jobs/enqueue', () => ({ enqueueScan: vi.fn(async () => {}) }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
  forbidden: () => {
    throw new Error('forbidden');
  },
  notFound: () => {
    throw new Error('not found');
  },
}));

const { rescanDomainAction } = await import('@/app/(admin)/admin/scans/actions');
const { startTwoFactorAction } = await import('@/app/(account)/account/two-factor/actions');
const overview = await import('@/app/api/admin/overview/route');
const { pageContext, requirePermission } = await import('@/lib/auth/session');

const t = setupTestDatabase();
beforeEach(() => {
  state.db = t.db;
});

async function signedInAs(role: Role) {
  const actor = await makeUser(t.db, role);
  const sid = crypto.randomUUID();
  state.session = { user: { id: String(actor.id), sessionVersion: 0, sid } };
  // As at a real sign-in, the password is the new session's first proof (setting up a factor needs one).
  await recordSignInProof(t.db, { sessionId: sid, userId: actor.id, now: new Date() });
  return actor;
}
const enrol = (id: number) => t.db.update(users).set({ totpEnabled: true }).where(eq(users.id, id));
const readOverview = () => overview.GET(new Request('http://gk.test/api/admin/overview'));

describe.each(['staff', 'admin'] as const)('a %s account without a second factor', (role) => {
  it('is refused a staff action replayed from its session, and nothing changes', async () => {
    const actor = await signedInAs(role);
    const domain = await makeDomain(t.db, 'active');
    const before = await snapshotAll(t.db);
    expect(await rescanDomainAction({ domain: domain.name })).toEqual({
      ok: false,
      code: 'forbidden',
      message: SECOND_FACTOR_REQUIRED,
    });
    expect(await snapshotAll(t.db)).toEqual(before);
    // Control: the same session, once the account has enrolled, runs the same action.
    await enrol(actor.id);
    expect(await rescanDomainAction({ domain: domain.name })).toMatchObject({ ok: true });
  });

  it('is refused the staff routes with 403 and says why', async () => {
    const actor = await signedInAs(role);
    const refused = await readOverview();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ ok: false, code: 'forbidden', message: SECOND_FACTOR_REQUIRED });
    await enrol(actor.id);
    expect((await readOverview()).status).toBe(200);
  });

  it('is sent to enrol from the dashboard pages, and may enrol', async () => {
    const actor = await signedInAs(role);
    await expect(pageContext('dashboard.view')).rejects.toThrow('redirect:/account/two-factor');
    await expect(requirePermission('users.read')).rejects.toThrow('redirect:/account/two-factor');
    // Its own account pages stay open, enrolment among them.
    expect(await requirePermission('account.manage')).toMatchObject({ id: actor.id, role, needsSecondFactor: true });
    expect(await startTwoFactorAction({})).toMatchObject({ ok: true });
    await enrol(actor.id);
    expect((await pageContext('dashboard.view')).actor).toMatchObject({ id: actor.id, role });
    expect((await pageContext('dashboard.view')).actor.needsSecondFactor).toBeUndefined();
  });
});

describe('a user account', () => {
  it('is not asked for a second factor, and still gets the 403 page on the dashboard', async () => {
    const actor = await signedInAs('user');
    expect((await requirePermission('account.manage')).needsSecondFactor).toBeUndefined();
    await expect(requirePermission('dashboard.view')).rejects.toThrow(/^forbidden$/);
    expect(await rescanDomainAction({ domain: 'x.dev' })).toMatchObject({
      code: 'forbidden',
      message: 'Your role is not allowed to do this.',
    });
    expect(actor.role).toBe('user');
  });
});
