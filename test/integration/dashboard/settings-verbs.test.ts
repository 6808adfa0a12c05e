import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, domainLists } from '@/db/schema';
import { listAuditEntries } from '@/lib/audit/queries';
import { recordAudit } from '@/lib/audit/record';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { addDomainListEntry, removeDomainListEntry } from '@/lib/settings/domain-list-entry';
import { getPolicySettings } from '@/lib/settings/policy';
import { updatePolicySettings } from '@/lib/settings/update-policy';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, snapshot } from './fixtures';

const t = setupTestDatabase();

describe('policy settings', () => {
  it('falls back to the defaults, stores a valid change and audits before and after', async () => {
    const admin = await makeUser(t.db, 'admin');
    expect(await getPolicySettings(t.db)).toEqual(DEFAULT_POLICY_SETTINGS);
    const next = {
      ...DEFAULT_POLICY_SETTINGS,
      warningWindowDays: 14,
      blastRadius: { maxUnverify: 10, maxShare: 0.05 },
      stageActions: { ...DEFAULT_POLICY_SETTINGS.stageActions, grace: 'unverify' as const },
    };
    const result = await t.db.transaction((tx) =>
      updatePolicySettings({ ctx: { tx, actor: admin, now: new Date() }, input: next }),
    );
    expect(result.changed.sort()).toEqual([
      'blastRadius.maxShare',
      'blastRadius.maxUnverify',
      'stageActions.grace',
      'warningWindowDays',
    ]);
    expect(await getPolicySettings(t.db)).toEqual(next);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    expect(entry!.details).toMatchObject({ before: { warningWindowDays: 30 }, after: { warningWindowDays: 14 } });
    // The same values again: nothing to record.
    const again = await t.db.transaction((tx) =>
      updatePolicySettings({ ctx: { tx, actor: admin, now: new Date() }, input: next }),
    );
    expect(again.changed).toEqual([]);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'))).length).toBe(1);
  });

  it.each([
    [{ warningWindowDays: 0 }, 'warningWindowDays'],
    [{ blastRadius: { maxShare: 1.5 } }, 'blastRadius.maxShare'],
    [{ stageActions: { active: 'unverify' } }, 'stageActions.active'],
    [{ stageActions: { unknown: 'unverify' } }, 'stageActions.unknown'],
    [{ recheck: { errorBackoffBaseMinutes: 600, errorBackoffMaxMinutes: 60 } }, 'recheck.errorBackoffMaxMinutes'],
  ])('refuses %o and changes nothing', async (input, field) => {
    const admin = await makeUser(t.db, 'admin');
    const before = await snapshot(t.db);
    const error = await t.db
      .transaction((tx) => updatePolicySettings({ ctx: { tx, actor: admin, now: new Date() }, input: input as never }))
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(Object.keys(error.fields)).toContain(field);
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('trusted and blocked domain lists', () => {
  it('adds the registrable domain, refuses duplicates and cross-list entries, removes with an audit row', async () => {
    const admin = await makeUser(t.db, 'admin');
    const added = await t.db.transaction((tx) =>
      addDomainListEntry({
        ctx: { tx, actor: admin, now: new Date() },
        input: { list: 'trusted', domain: 'Mail.GK-Provider-Test.COM', note: 'big provider' },
      }),
    );
    expect(added).toEqual({ domain: 'gk-provider-test.com', list: 'trusted' });
    await expect(
      t.db.transaction((tx) =>
        addDomainListEntry({
          ctx: { tx, actor: admin, now: new Date() },
          input: { list: 'trusted', domain: 'gk-provider-test.com' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      t.db.transaction((tx) =>
        addDomainListEntry({
          ctx: { tx, actor: admin, now: new Date() },
          input: { list: 'blocked', domain: 'gk-provider-test.com' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict', message: /trusted list/ });
    await expect(
      t.db.transaction((tx) =>
        addDomainListEntry({ ctx: { tx, actor: admin, now: new Date() }, input: { list: 'blocked', domain: 'co.uk' } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      t.db.transaction((tx) =>
        addDomainListEntry({
          ctx: { tx, actor: admin, now: new Date() },
          input: { list: 'blocked', domain: 'bad_domain.com' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await t.db.transaction((tx) =>
      addDomainListEntry({
        ctx: { tx, actor: admin, now: new Date() },
        input: { list: 'blocked', domain: 'mailinator.com' },
      }),
    );
    await t.db.transaction((tx) =>
      removeDomainListEntry({ ctx: { tx, actor: admin, now: new Date() }, input: { domain: 'gk-provider-test.com' } }),
    );
    expect(await t.db.select().from(domainLists).where(eq(domainLists.domain, 'gk-provider-test.com'))).toEqual([]);
    await expect(
      t.db.transaction((tx) =>
        removeDomainListEntry({
          ctx: { tx, actor: admin, now: new Date() },
          input: { domain: 'gk-provider-test.com' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const { rows } = await listAuditEntries(t.db, { actor: admin.username });
    expect(rows.map((r) => r.action)).toEqual(['domain_list.remove', 'domain_list.add', 'domain_list.add']);
    const filtered = await listAuditEntries(t.db, {
      targetType: 'domain_list',
      targetId: 'gk-provider-test.com',
      action: 'domain_list.add',
    });
    expect(filtered.rows).toHaveLength(1);
  });
});

describe('audit log pages', () => {
  it('pages by (at, id) without gaps when entries share a timestamp', async () => {
    const admin = await makeUser(t.db, 'admin');
    // One batch: 23 rows with the same timestamp, under an actor of their own.
    await recordAudit(
      t.db,
      admin,
      Array.from({ length: 23 }, (_, i) => ({ action: 'scan.cancel' as const, targetType: 'scan', targetId: i })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEntries(t.db, { action: 'scan.cancel', actor: admin.username, cursor, limit: 5 });
      seen.push(...page.rows.map((r) => r.targetId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 23 }, (_, i) => String(i)).sort());
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await listAuditEntries(t.db, {
          action: 'scan.cancel',
          actor: admin.username,
          from: today,
          to: today,
          limit: 100,
        })
      ).rows,
    ).toHaveLength(23);
    expect(
      (await listAuditEntries(t.db, { action: 'scan.cancel', actor: admin.username, to: '2000-01-01' })).rows,
    ).toHaveLength(0);
  });
});
