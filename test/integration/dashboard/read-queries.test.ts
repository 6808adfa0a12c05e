import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainObservations, flags, notifications, scans } from '@/db/schema';
import { listDomains } from '@/lib/domains/queries';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { getOverviewCounts } from '@/lib/overview/queries';
import { getScan, listScanDomainChanges, listScanErrors, listScansPage } from '@/lib/scans/queries';
import { getUserDetail } from '@/lib/users/detail-queries';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeFlag, makeUser } from './fixtures';

const t = setupTestDatabase();
const DAY = 86_400_000;

async function observe(
  domainId: number,
  at: Date,
  stage: 'active' | 'grace' | 'redemption' | 'unknown',
  extra: Partial<typeof domainObservations.$inferInsert> = {},
) {
  await t.db
    .insert(domainObservations)
    .values({ domainId, observedAt: at, source: 'rdap', parsedStage: stage, ...extra });
}

describe('dashboard reads', () => {
  it('domain detail: stage changes over the whole history (unknown checks ignored), flags, scans, addresses', async () => {
    const domain = await makeDomain(t.db, 'redemption', 'history.dev');
    const [scan] = await t.db
      .insert(scans)
      .values({ kind: 'domain', trigger: 'dashboard', target: 'history.dev', state: 'done' })
      .returning();
    const now = Date.now();
    await observe(domain.id, new Date(now - 30 * DAY), 'active');
    await observe(domain.id, new Date(now - 20 * DAY), 'active');
    await observe(domain.id, new Date(now - 15 * DAY), 'unknown', { error: 'timeout: no answer' });
    await observe(domain.id, new Date(now - 10 * DAY), 'grace');
    await observe(domain.id, new Date(now - 1 * DAY), 'redemption', {
      scanId: scan!.id,
      statusWords: ['redemption period'],
    });
    const f = await makeFlag(t.db, { domain, stage: 'redemption' });
    const detail = await getDomainDetail(t.db, 'HISTORY.dev');
    expect(detail?.stageChanges.map((c) => c.stage)).toEqual(['active', 'grace', 'redemption']);
    expect(detail?.observations[0]).toMatchObject({
      parsedStage: 'redemption',
      statusWords: ['redemption period'],
      scanId: scan!.id,
    });
    expect(detail?.flags.map((x) => x.id)).toEqual([f.flag.id]);
    expect(detail?.scans.map((s) => s.id)).toEqual([scan!.id]);
    expect(detail?.addressCount).toBe(1);
    expect(await getDomainDetail(t.db, 'nope.dev')).toBeNull();

    const changes = await listScanDomainChanges(t.db, scan!.id);
    expect(changes).toEqual([
      expect.objectContaining({ domain: 'history.dev', previous: 'grace', stage: 'redemption' }),
    ]);
    const [errScan] = await t.db
      .insert(scans)
      .values({ kind: 'domain', trigger: 'dashboard', target: 'history.dev', state: 'done' })
      .returning();
    await observe(domain.id, new Date(), 'unknown', { scanId: errScan!.id, error: 'rate_limited: 429' });
    expect(await listScanDomainChanges(t.db, errScan!.id)).toEqual([]);
    expect(await listScanErrors(t.db, errScan!.id)).toEqual([
      expect.objectContaining({ domain: 'history.dev', error: 'rate_limited: 429' }),
    ]);
    expect((await getScan(t.db, scan!.id))?.id).toBe(scan!.id);
    expect(await getScan(t.db, 9_999_999)).toBeNull();
    const page = await listScansPage(t.db);
    expect(page.rows.map((s) => s.id)).toEqual([errScan!.id, scan!.id]);
  });

  it('overview: flags opened and resolved per day, every day present; source health of the last day', async () => {
    const f = await makeFlag(t.db, { createdAt: new Date(Date.now() - 3 * DAY) });
    await t.db
      .update(flags)
      .set({ state: 'resolved', resolvedAt: new Date(), resolution: 'domain_renewed' })
      .where(sql`${flags.id} = ${f.flag.id}`);
    await observe(f.domain.id, new Date(), 'active', { latencyMs: 100 });
    await observe(f.domain.id, new Date(), 'unknown', { latencyMs: 300, error: 'timeout' });
    const overview = await getOverviewCounts(t.db);
    expect(overview.flagsPerDay).toHaveLength(90);
    const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    expect(overview.flagsPerDay.find((d) => d.day === threeDaysAgo)?.opened).toBeGreaterThanOrEqual(1);
    expect(overview.flagsPerDay.at(-1)?.resolved).toBeGreaterThanOrEqual(1);
    const rdap = overview.sourceHealth.find((s) => s.source === 'rdap');
    expect(rdap?.errors).toBeGreaterThanOrEqual(1);
    expect(rdap?.p95Ms).toBeGreaterThan(rdap?.p50Ms ?? 0);
  });

  it('user detail: addresses with domain stage, flags, notices, audit entries about the account', async () => {
    const f = await makeFlag(t.db, { stage: 'available' });
    await t.db.insert(notifications).values({
      userId: f.userId,
      kind: 'staff_notice',
      channel: 'in_app',
      dedupeKey: `test:${f.flag.id}`,
      payload: { subject: 'Hello' },
    });
    const detail = await getUserDetail(t.db, f.userId);
    expect(detail?.addresses.map((a) => [a.domain, a.domainStage])).toEqual(
      expect.arrayContaining([
        [f.domain.name, 'available'],
        ['gmail.com', null],
      ]),
    );
    expect(detail?.flags.map((x) => x.id)).toEqual([f.flag.id]);
    expect(detail?.notifications[0]).toMatchObject({ kind: 'staff_notice', subject: 'Hello' });
    expect(await getUserDetail(t.db, 99_999_999)).toBeNull();
    const staff = await makeUser(t.db, 'staff');
    expect(staff.role).toBe('staff');
  });

  it('domain list: lapsing first, filter by stage and name, counts per domain', async () => {
    await makeDomain(t.db, 'active', 'zz-quiet.dev');
    const all = await listDomains(t.db, { limit: 500 });
    const stages = all.rows.map((r) => r.stage);
    expect(stages.indexOf('active')).toBeGreaterThan(stages.indexOf('redemption'));
    expect((await listDomains(t.db, { q: 'zz-qui' })).rows.map((r) => r.name)).toEqual(['zz-quiet.dev']);
    expect((await listDomains(t.db, { stage: 'redemption' })).rows.every((r) => r.stage === 'redemption')).toBe(true);
    const history = all.rows.find((r) => r.name === 'history.dev');
    expect(history).toMatchObject({ addresses: 1, liveFlags: 1 });
  });
});
