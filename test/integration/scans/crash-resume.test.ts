import { type ChildProcess, spawn } from 'node:child_process';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, domains, emails, flags, notifications, scans } from '@/db/schema';
import { sendScanSlice, startBoss } from '@/lib/jobs/boss';
import { requestScan } from '@/lib/scans/request';
import { addMaintainers, CLI, record, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// A real worker process, killed with SIGKILL in the middle of a scan, then a fresh one: the scan
// finishes with the state an uninterrupted run gives, and nothing is applied twice.
const t = setupTestDatabase();
const NAMES = Array.from({ length: 40 }, (_, i) => `resume${i}.dev`);
const LAPSED = NAMES.slice(0, 10);
const h = setupProtocolServer(() => NAMES.map((n) => record(LAPSED.includes(n) ? 'redemption' : 'active', n)), {
  rules: [{ match: { path: '/rdap/' }, latencyMs: 250 }],
});
const workers: ChildProcess[] = [];
afterAll(() => {
  for (const w of workers) {
    try {
      if (w.pid) process.kill(-w.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function startWorkerProcess(): ChildProcess {
  const child = spawn('npx', ['tsx', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      ...h.server.env,
      DATABASE_URL: t.url,
      GK_SCAN_CONCURRENCY: '1',
      GK_SCAN_SLICE_SECONDS: '2',
      GK_SCAN_LEASE_SECONDS: '3',
      GK_SCAN_STALL_SECONDS: '3',
      GK_TICK_SECONDS: '1',
    },
    detached: true,
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const scanRow = async (id: number) => (await t.db.select().from(scans).where(eq(scans.id, id)))[0]!;

describe('crash and resume', () => {
  it('finishes after SIGKILL and a restart, with no duplicate flag, audit entry or notification', async () => {
    for (const name of NAMES) {
      // Verified before the lapse; the first scan below is the one that finds ten of them lapsed.
      await addMaintainers(t.db, name, 1, record('active', name));
    }
    // Not due: only the scan under test runs (the worker's scheduler would otherwise start its own).
    await t.db.update(domains).set({ nextCheckAt: new Date(Date.now() + 86_400_000) });
    const { scanId } = await t.db.transaction((tx) =>
      requestScan({ ctx: { tx, actor: CLI, now: new Date() }, input: { kind: 'full', trigger: 'cli' } }),
    );
    const first = startWorkerProcess();
    const boss = await startBoss(t.url, 'sender');
    await sendScanSlice(boss, { scanId, slice: 0 });
    await boss.stop({ graceful: false, close: true });

    const midway = await waitFor('the scan to be partly done', async () => {
      const s = await scanRow(scanId);
      return s.checked >= 6 && s.checked < s.total ? s : null;
    });
    process.kill(-first.pid!, 'SIGKILL');
    expect(midway.state).toBe('running');

    startWorkerProcess();
    const done = await waitFor('the scan to finish', async () => {
      const s = await scanRow(scanId);
      return s.state === 'done' ? s : null;
    });

    expect(done.checked).toBe(40);
    expect(done.total).toBe(40);
    expect(done.counters).toMatchObject({
      domainsChecked: 40,
      addressesUnverified: 10,
      flagsOpened: 10,
      domainsErrored: 0,
    });
    const [unverified] = await t.db.select({ n: count() }).from(emails).where(eq(emails.verified, false));
    const [flagRows] = await t.db.select({ n: count() }).from(flags);
    const [unverifyAudits] = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'email.unverify'));
    const [flagAudits] = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'flag.open'));
    const [mails] = await t.db
      .select({ n: count() })
      .from(notifications)
      .where(eq(notifications.kind, 'address_unverified'));
    expect([unverified!.n, flagRows!.n, unverifyAudits!.n, flagAudits!.n]).toEqual([10, 10, 10, 10]);
    // One in-app notice and one mail to the gmail backup per lapsed address.
    expect(mails!.n).toBe(20);
    // Every domain's result was applied exactly once for this scan.
    const perDomain = await t.db.execute<{ checks: number }>(sql`
      select count(distinct observed_at)::int as checks from domain_observations where scan_id = ${scanId} group by domain_id`);
    expect(perDomain.length).toBe(40);
    expect(perDomain.every((r) => Number(r.checks) === 1)).toBe(true);
  });
});
