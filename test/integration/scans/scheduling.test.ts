import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, flags, scans } from '@/db/schema';
import { seedDemo } from '@/dev/demo/seed/seed-demo';
import { scheduleDueDomains, stalledScans } from '@/lib/jobs/tick';
import { demoProtocolRecords } from '@/dev/demo/registry';
import { requestScan } from '@/lib/scans/request';
import { CLI, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { pgError } from '../../support/db-error';
import { setupTestDatabase } from '../../support/test-db';

// The demo seed seals the demo staff and admin accounts' TOTP key: the test brings its key.
process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';
const t = setupTestDatabase();
const now = new Date();
// What `npm start` serves: the maintainers' domains and the demo's registered look-alikes.
const h = setupProtocolServer(() => demoProtocolRecords(now));

describe('scans over the demo registry', () => {
  it('a full scan right after seeding agrees with the seeded stages: nothing changes, nobody is unverified', async () => {
    await seedDemo(t.db, { now });
    const [before] = await t.db.select({ n: count() }).from(flags);
    // The look-alikes under TLDs the local peer has no RDAP for (.co, .info …) stay unknown, as seeded.
    const [unanswered] = await t.db.select({ n: count() }).from(domains).where(eq(domains.stage, 'unknown'));
    const scan = await scanToEnd(t.db, h.checker, { kind: 'full', trigger: 'cli' });
    expect(scan.total).toBeGreaterThanOrEqual(300);
    expect(scan.counters).toMatchObject({
      domainsChecked: scan.total,
      domainsChanged: 0,
      domainsErrored: unanswered!.n,
      addressesUnverified: 0,
      flagsOpened: 0,
    });
    const [after] = await t.db.select({ n: count() }).from(flags);
    expect(after!.n).toBe(before!.n);
  });

  it('checks each registrable domain once however many addresses use it', async () => {
    const [shared] = await t.db.execute<{ domain: string; n: number }>(sql`
      select domain, count(*)::int as n from emails where domain in (select name from domains) group by domain order by n desc limit 1`);
    expect(Number(shared!.n)).toBeGreaterThan(5);
    const before = h.server.requestCount({ domain: shared!.domain, path: '/rdap/' });
    await scanToEnd(t.db, h.checker, { kind: 'full', trigger: 'cli' });
    expect(h.server.requestCount({ domain: shared!.domain, path: '/rdap/' }) - before).toBe(1);
  });

  it('never lets two scans check one domain at the same time, and both finish', async () => {
    const { claimBatch } = await import('@/lib/scans/claim');
    const a = await t.db.transaction((tx) =>
      requestScan({ ctx: { tx, actor: CLI, now: new Date() }, input: { kind: 'full', trigger: 'cli' } }),
    );
    const b = await t.db.transaction((tx) =>
      requestScan({
        ctx: { tx, actor: CLI, now: new Date() },
        input: { kind: 'user', target: 'maintainer', trigger: 'cli' },
      }),
    );
    const [scanA] = await t.db.select().from(scans).where(eq(scans.id, a.scanId));
    const [scanB] = await t.db.select().from(scans).where(eq(scans.id, b.scanId));
    // The maintainer's domain is in both scans; whoever leases it first has it until released.
    const [first, second] = await Promise.all([claimBatch(t.db, scanA!, 400, 60), claimBatch(t.db, scanB!, 400, 60)]);
    const overlap = first.filter((d) => second.some((e) => e.id === d.id));
    expect(overlap).toEqual([]);
    expect(first.length + second.length).toBeGreaterThan(0);
    await t.db.update(domains).set({ checkingUntil: null });
    const { runScanChunk } = await import('@/lib/scans/run');
    const drive = async (id: number) => {
      for (let i = 0; i < 100; i += 1) {
        const outcome = await runScanChunk(id, { db: t.db, checker: h.checker, budgetMs: 5_000, concurrency: 4 });
        if (outcome === 'done') return outcome;
        await new Promise((r) => setTimeout(r, 50));
      }
      return 'stuck';
    };
    expect(await Promise.all([drive(a.scanId), drive(b.scanId)])).toEqual(['done', 'done']);
  });

  it('refuses a second full scan while one is queued or running', async () => {
    const first = await t.db.transaction((tx) =>
      requestScan({ ctx: { tx, actor: CLI, now: new Date() }, input: { kind: 'full', trigger: 'cli' } }),
    );
    const second = await t.db
      .transaction((tx) =>
        requestScan({ ctx: { tx, actor: CLI, now: new Date() }, input: { kind: 'full', trigger: 'dashboard' } }),
      )
      .catch((e) => e);
    expect(second).toMatchObject({ code: 'conflict' });
    expect(second.message).toContain(`#${first.scanId}`);
    await t.db.update(scans).set({ state: 'cancelled' }).where(eq(scans.id, first.scanId));
  });

  it('schedules only due domains, one scheduled scan at a time, and finds stalled scans', async () => {
    expect(await scheduleDueDomains(t.db, new Date())).toBeNull();
    await t.db
      .update(domains)
      .set({ nextCheckAt: new Date(Date.now() - 1_000) })
      .where(sql`${domains.id} in (select id from domains order by id limit 7)`);
    const id = await scheduleDueDomains(t.db, new Date());
    expect(id).toBeTypeOf('number');
    expect(await scheduleDueDomains(t.db, new Date())).toBeNull();
    expect(await pgError(t.db.insert(scans).values({ kind: 'scheduled', trigger: 'schedule' }))).toMatch(
      /scans_one_active_scheduled/,
    );
    // A queued scan nobody picked up is found by the sweeper after 30 s.
    expect(await stalledScans(t.db, new Date(Date.now() + 31_000))).toContain(id);
    const scan = await scanToEnd(t.db, h.checker, {
      kind: 'domain',
      target: (await t.db.select().from(domains).limit(1))[0]!.name,
      trigger: 'cli',
    });
    expect(scan.state).toBe('done');
    const { runScanChunk } = await import('@/lib/scans/run');
    expect(await runScanChunk(id!, { db: t.db, checker: h.checker, budgetMs: 10_000 })).toBe('done');
    const [scheduled] = await t.db.select().from(scans).where(eq(scans.id, id!));
    expect(scheduled!.total).toBe(7);
    const stillDue = await t.db.select({ n: count() }).from(domains).where(sql`${domains.nextCheckAt} <= now()`);
    expect(stillDue[0]!.n).toBe(0);
  });
});
