import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { addDomainListAction, updatePolicyAction } from '@/app/(admin)/admin/settings/actions';
import { auditLog, domainLists, settings } from '@/db/schema';
import { runAction } from '@/lib/auth/action';
import type { UserActor } from '@/lib/auth/session';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { POLICY_SETTINGS_KEY } from '@/lib/settings/policy';
import { makeUser, signedIn } from '../account/fixtures';
import { setupTestDatabase } from '../../support/test-db';

// The audit row commits in the write's transaction: when it cannot be written, the write does not
// happen either. The audit insert is made to fail in this file's database (a trigger), and real
// write verbs run through runAction, the steps every server action takes.
// next-auth cannot load outside Next (the actor is passed to runAction directly).
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const t = setupTestDatabase();
let admin: UserActor;

const policy = (maxUnverify: number) => ({
  ...DEFAULT_POLICY_SETTINGS,
  blastRadius: { ...DEFAULT_POLICY_SETTINGS.blastRadius, maxUnverify },
});

async function breakAuditInserts() {
  await t.sql.unsafe(`
    create or replace function audit_log_insert_fails() returns trigger language plpgsql as $$
    begin raise exception 'audit_log insert refused by the test'; end $$;
    create trigger audit_log_insert_fails before insert on audit_log
      for each row execute function audit_log_insert_fails();`);
}
const mendAuditInserts = () => t.sql.unsafe('drop trigger if exists audit_log_insert_fails on audit_log');
const auditCount = async () => (await t.db.select({ id: auditLog.id }).from(auditLog)).length;

beforeAll(async () => {
  // runAction logs the unexpected database error it turns into 'internal'; it is expected here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  admin = await signedIn(t.db, await makeUser(t.db, 'admin'));
});

describe('a failed audit insert rolls the write back', () => {
  it('an update: the settings row keeps its value', async () => {
    // A first change with auditing working, so there is a stored row to keep.
    expect(await runAction(updatePolicyAction.definition, admin, policy(40), t.db)).toMatchObject({ ok: true });
    const [before] = await t.db.select().from(settings).where(eq(settings.key, POLICY_SETTINGS_KEY));
    expect(before?.value).toMatchObject({ blastRadius: { maxUnverify: 40 } });
    const audits = await auditCount();

    await breakAuditInserts();
    try {
      const result = await runAction(updatePolicyAction.definition, admin, policy(7), t.db);
      expect(result).toMatchObject({ ok: false, code: 'internal' });
    } finally {
      await mendAuditInserts();
    }
    const [after] = await t.db.select().from(settings).where(eq(settings.key, POLICY_SETTINGS_KEY));
    expect(after).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('an insert: no list entry is left behind', async () => {
    const audits = await auditCount();
    await breakAuditInserts();
    try {
      const result = await runAction(
        addDomainListAction.definition,
        admin,
        { list: 'blocked', domain: 'rollback-probe.dev', note: null },
        t.db,
      );
      expect(result).toMatchObject({ ok: false, code: 'internal' });
    } finally {
      await mendAuditInserts();
    }
    expect(await t.db.select().from(domainLists).where(eq(domainLists.domain, 'rollback-probe.dev'))).toEqual([]);
    expect(await auditCount()).toBe(audits);

    // The same call with auditing working goes through: the refusal above was the audit's doing.
    expect(
      await runAction(
        addDomainListAction.definition,
        admin,
        { list: 'blocked', domain: 'rollback-probe.dev', note: null },
        t.db,
      ),
    ).toMatchObject({ ok: true });
    expect(await t.db.select().from(domainLists).where(eq(domainLists.domain, 'rollback-probe.dev'))).toHaveLength(1);
    expect(await auditCount()).toBe(audits + 1);
  });
});
