import { and, eq } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { Db } from '@/db/connect';
import { type Scan, scans } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { DomainChecker } from '@/lib/domains/check';
import { syncWatchedDomains } from '@/lib/domains/track';
import { getPolicySettings } from '@/lib/settings/policy';
import { applyBatch, SCAN_ACTOR } from './apply-batch';
import type { CheckResult } from './plan';
import { checkOne } from './check-one';
import { oldestVerifications } from './domain-state';
import { claimBatch, countInScope, remainingInScope } from './claim';
import { lookalikeDomainIds } from '@/lib/lookalikes/queries';

export interface RunOptions {
  db: Db;
  checker: DomainChecker;
  /** Stop taking new batches after this long; the job re-enqueues itself to continue. */
  budgetMs: number;
  batchSize?: number;
  concurrency?: number;
  leaseSeconds?: number;
  now?: () => Date;
  /** Where the time went (benchmarks): filled in when given. */
  timings?: { claimMs: number; checkMs: number; applyMs: number };
}

export type ChunkOutcome = 'more' | 'done' | 'cancelled' | 'failed' | 'waiting';

/**
 * Runs one slice of a scan: claims batches of due domains (leased, so no domain is checked twice at
 * once and a dead worker's lease runs out), checks them, applies each batch in one transaction, and
 * counts. Everything it has applied is recorded per domain (an observation with this scan's id), so
 * a restart continues where it stopped and the final state equals an uninterrupted run.
 */
export async function runScanChunk(scanId: number, options: RunOptions): Promise<ChunkOutcome> {
  const { db, checker } = options;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  let scan = await startScan(db, scanId, now());
  if (!scan) return 'failed';
  if (scan.state !== 'running')
    return scan.state === 'cancelled' ? 'cancelled' : scan.state === 'failed' ? 'failed' : 'done';
  const settings = await getPolicySettings(db);
  const concurrency = options.concurrency ?? 16;
  const limit = pLimit(concurrency);
  // Small batches: progress and the heartbeat move often, and a crash loses at most one batch.
  const batchSize = options.batchSize ?? Math.max(4, concurrency * 2);

  const timings = options.timings;
  const lease = options.leaseSeconds ?? 120;
  type Checked = CheckResult[];
  let cursor = 0;
  const claimNext = async (): Promise<{ results: Promise<Checked> } | null> => {
    const t0 = performance.now();
    const current = scan;
    const open = current !== null && Date.now() - started < options.budgetMs;
    let batch = open ? await claimBatch(db, current, batchSize, lease, cursor) : [];
    // At the end of the walk, look once more from the start for domains another worker released.
    if (open && batch.length === 0 && cursor > 0) {
      cursor = 0;
      batch = await claimBatch(db, current, batchSize, lease, 0);
    }
    cursor = batch.reduce((max, d) => Math.max(max, d.id), cursor);
    if (timings) timings.claimMs += performance.now() - t0;
    if (batch.length === 0) return null;
    const t1 = performance.now();
    const verified = await oldestVerifications(
      db,
      batch.map((d) => d.name),
    );
    // Look-alike candidates are also asked for A/AAAA: a page to phish with is an event of its own.
    const lookalikes = await lookalikeDomainIds(
      db,
      batch.map((d) => d.id),
    );
    const results = Promise.all(
      batch.map((domain) =>
        limit(() =>
          checkOne(checker, domain, verified.get(domain.name) ?? null, now, { addresses: lookalikes.has(domain.id) }),
        ),
      ),
    ).then((r) => {
      if (timings) timings.checkMs += performance.now() - t1;
      return r;
    });
    // Handled where it is awaited; this keeps a failure from surfacing as an unhandled rejection first.
    results.catch(() => {});
    return { results };
  };
  // Keep two batches queued at the providers while a third is applied: the per-host limiter never
  // idles between batches, so the providers' rate limit, not our own round trips, sets the pace.
  const queue: { results: Promise<Checked> }[] = [];
  const refill = async () => {
    while (queue.length < 2) {
      const next = await claimNext();
      if (!next) return;
      queue.push(next);
    }
  };
  await refill();
  for (let head = queue.shift(); head; head = queue.shift()) {
    const results: Checked = await head.results;
    await refill();
    const t2 = performance.now();
    scan = await applyBatch(db, scan, results, settings, now());
    if (timings) timings.applyMs += performance.now() - t2;
    if (scan.state === 'cancelled') {
      // Let the batches already being checked finish; their leases run out on their own.
      await Promise.all(queue.map((q) => q.results.catch(() => {})));
      return 'cancelled';
    }
  }
  if (Date.now() - started >= options.budgetMs) return 'more';
  // Nothing claimable: either finished, or another worker holds the rest of the leases.
  if ((await remainingInScope(db, scan)) > 0) return 'waiting';
  await finishScan(db, scan.id, 'done', now());
  return 'done';
}

/** queued → running, counting what it covers; returns the scan as it now is. */
async function startScan(db: Db, scanId: number, now: Date): Promise<Scan | null> {
  const [scan] = await db.select().from(scans).where(eq(scans.id, scanId));
  if (scan?.state !== 'queued') return scan ?? null;
  if (scan.kind === 'full' || scan.kind === 'scheduled') await syncWatchedDomains(db, now);
  const total = await countInScope(db, scan);
  const [running] = await db
    .update(scans)
    .set({ state: 'running', startedAt: now, heartbeatAt: now, total })
    .where(and(eq(scans.id, scanId), eq(scans.state, 'queued')))
    .returning();
  return running ?? (await db.select().from(scans).where(eq(scans.id, scanId)))[0] ?? null;
}

export async function finishScan(db: Db, scanId: number, state: 'done' | 'failed', now: Date, error?: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(scans)
      .set({ state, finishedAt: now, error: error ?? null })
      .where(and(eq(scans.id, scanId), eq(scans.state, 'running')))
      .returning();
    if (row)
      await recordAudit(tx, SCAN_ACTOR, {
        action: state === 'done' ? 'scan.finish' : 'scan.fail',
        targetType: 'scan',
        targetId: scanId,
        details: { counters: row.counters, checked: row.checked, total: row.total, ...(error ? { error } : {}) },
      });
  });
}
