import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import { domains, emails, scans, users } from '@/db/schema';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { createDomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import { sendScanSlice, startBoss } from '@/lib/jobs/boss';
import { type RunningWorker, startWorker } from '@/lib/jobs/worker';
import { requestScan } from '@/lib/scans/request';
import { startProtocolServer, type ProtocolServer } from '@/dev/peers/protocol-server/server';
import { CLI, record } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// A staff member's "Rescan now" while a full scan runs, through a real pg-boss worker: the rescan
// has its own queue (polled beside the scan queue) and goes ahead of the full scan's requests at the
// provider, so its result is stored after a bounded number of full-scan checks, whatever the size.

const t = setupTestDatabase();
const NAMES = Array.from({ length: 400 }, (_, i) => `lane${String(i).padStart(3, '0')}.dev`);
const RATE = 40;
const CONCURRENCY = 8;
let server: ProtocolServer;
let boss: PgBoss | undefined;
let worker: RunningWorker | undefined;

afterAll(async () => {
  await worker?.stop();
  await boss?.stop({ graceful: true, timeout: 20_000 });
  await server?.close();
});

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const scanRow = async (id: number) => (await t.db.select().from(scans).where(eq(scans.id, id)))[0]!;

describe('on-demand lane', () => {
  it('a domain rescan clicked during a full scan is stored after a bounded number of full-scan checks', async () => {
    server = await startProtocolServer({
      domains: NAMES.map((n) => record('active', n)),
      dns: false,
      faults: { rules: [{ match: { path: '/rdap/' }, latencyMs: 30, jitterMs: 15 }] },
    });
    const env = envSchema.parse(server.env);
    const checker = createDomainChecker(
      sourcesConfigFromEnv(env, {
        http: {
          hostDefaults: { requestsPerSecond: RATE, concurrency: CONCURRENCY },
          hosts: { [new URL(server.url).host]: { requestsPerSecond: RATE, concurrency: CONCURRENCY } },
          budget: new ProviderBudget(t.db),
        },
      }),
    );
    const [user] = await t.db.insert(users).values({ username: 'lane', name: 'Lane', passwordHash: 'x' }).returning();
    // Not due: only the scans under test run (the worker's scheduler would otherwise start its own).
    const later = new Date(Date.now() + 86_400_000);
    await t.db.insert(domains).values(NAMES.map((name) => ({ name, nextCheckAt: later })));
    await t.db
      .insert(emails)
      .values(NAMES.map((domain) => ({ userId: user!.id, address: `lane@${domain}`, domain, verified: false })));

    boss = await startBoss(t.url, 'worker');
    worker = await startWorker({
      db: t.db,
      boss,
      checker,
      tuning: { concurrency: CONCURRENCY, sliceSeconds: 120, leaseSeconds: 120, stallSeconds: 600, tickSeconds: 3600 },
    });
    const request = (input: Parameters<typeof requestScan>[0]['input']) =>
      t.db.transaction((tx) => requestScan({ ctx: { tx, actor: CLI, now: new Date() }, input }));
    const full = await request({ kind: 'full', trigger: 'cli' });
    await sendScanSlice(boss, { scanId: full.scanId, slice: 0 });
    await waitFor('the full scan to be under way', async () => (await scanRow(full.scanId)).checked >= 40);

    // The click: the last domain in the full scan's walk, so the full scan will not reach it first.
    const [before] = await t.db.execute<{ id: number }>(
      sql`select coalesce(max(id), 0)::int as id from domain_observations`,
    );
    const rescan = await request({ kind: 'domain', target: NAMES.at(-1)!, trigger: 'dashboard' });
    await sendScanSlice(boss, { scanId: rescan.scanId, slice: 0, lane: 'now' });
    await waitFor('the rescan to finish', async () => (await scanRow(rescan.scanId)).state === 'done');

    const [position] = await t.db.execute<{ between: number; remaining: number }>(sql`
      select
        (select count(distinct o.domain_id)::int from domain_observations o where o.scan_id = ${full.scanId} and o.id > ${before!.id}
           and o.id < (select min(id) from domain_observations where scan_id = ${rescan.scanId})) as between,
        (select ${NAMES.length} - count(distinct domain_id)::int from domain_observations where scan_id = ${full.scanId}) as remaining`);
    // The full scan had at most two batches of 2 × concurrency at the provider when the click came,
    // and may apply one more while the rescan's check runs: at most 3 batches ahead of it, for any
    // size of scan. Without the lane the rescan waits for the slice (the whole scan here) to end.
    expect(position!.between).toBeLessThanOrEqual(3 * 2 * CONCURRENCY);
    expect(position!.remaining).toBeGreaterThan(0);
    const rescanned = await scanRow(rescan.scanId);
    expect(rescanned.checked).toBe(1);

    await waitFor('the full scan to finish', async () => (await scanRow(full.scanId)).state === 'done');
  }, 180_000);
});
