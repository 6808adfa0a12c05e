import type PgBoss from 'pg-boss';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { scans } from '@/db/schema';
import type { DomainChecker } from '@/lib/domains/check';
import { inUrgentLane } from '@/lib/domains/host-limiter';
import { pruneIfDue } from '@/lib/rate-limit/prune';
import { runScanChunk } from '@/lib/scans/run';
import { QUEUES, type ScanJob, sendScanSlice } from './boss';
import { expireOverrides, probeDueDomains, scheduleDueDomains, stalledScans } from './tick';

export interface WorkerOptions {
  db: Db;
  boss: PgBoss;
  checker: DomainChecker;
  tuning: {
    concurrency: number;
    sliceSeconds: number;
    leaseSeconds: number;
    stallSeconds: number;
    tickSeconds: number;
  };
  log?: (line: string) => void;
  /** Days reset_attempts rows are kept (GK_RESET_ATTEMPT_RETENTION_DAYS); default 90. */
  resetAttemptRetentionDays?: number;
}

export interface RunningWorker {
  tick: () => Promise<void>;
  /**
   * Stops the tick and waits for one in flight, so the caller may close the database after it.
   * (Scan slices in progress are pg-boss's: its graceful stop waits for them.)
   */
  stop: () => Promise<void>;
}

/** A staff member's rescan of a domain, address or user: picked up again in the on-demand lane. */
async function onDemandLane(db: Db, scanId: number): Promise<{ lane?: 'now' }> {
  const [row] = await db.select({ kind: scans.kind, trigger: scans.trigger }).from(scans).where(eq(scans.id, scanId));
  // A look-alike watch's first check is bulk work, whoever asked for it: not the on-demand lane.
  const onDemand =
    row && !['full', 'scheduled', 'lookalikes'].includes(row.kind) && ['dashboard', 'cli'].includes(row.trigger);
  return onDemand ? { lane: 'now' } : {};
}

/** Registers this process as a worker: scan slices, and the minute tick (scheduler + sweeper + hourly prune). */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, boss, checker } = options;
  const log = options.log ?? (() => {});

  const runSlice = async (job: ScanJob) => {
    const { scanId, slice, lane } = job;
    const { concurrency, sliceSeconds, leaseSeconds } = options.tuning;
    const run = () => runScanChunk(scanId, { db, checker, budgetMs: sliceSeconds * 1000, concurrency, leaseSeconds });
    // On-demand checks take the next free place and send slot at every provider (inUrgentLane).
    const outcome = lane === 'now' ? await inUrgentLane(run) : await run();
    const next = { scanId, slice: slice + 1, ...(lane ? { lane } : {}) };
    // A slice ends after its time budget so a dead worker loses little; the next slice continues.
    if (outcome === 'more') await sendScanSlice(boss, next);
    // Another worker holds the rest of the leases; an on-demand scan looks again sooner.
    else if (outcome === 'waiting') await sendScanSlice(boss, next, lane === 'now' ? 1 : 5);
    else log(`scan #${scanId} ${outcome}`);
  };
  // Two queues, each with its own polling loop: an on-demand scan starts while this worker is in the
  // middle of a full scan's slice, instead of waiting for the slice to end.
  await boss.work<ScanJob>(QUEUES.scanNow, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (job) await runSlice({ ...job.data, lane: 'now' });
  });
  await boss.work<ScanJob>(QUEUES.scan, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await runSlice(job.data);
  });

  const tick = async () => {
    const now = new Date();
    await expireOverrides(db, now);
    const scheduled = await scheduleDueDomains(db, now);
    if (scheduled) {
      log(`scheduled scan #${scheduled}`);
      await sendScanSlice(boss, { scanId: scheduled, slice: 0 });
    }
    // The daily DNS probe: a domain whose NS/MX moved is checked at once, in its own one-domain scan.
    const probe = await probeDueDomains(db, now);
    for (const moved of probe.moved) {
      log(`dns probe: ${moved.domain} moved (${moved.moves.map((m) => m.kind).join(', ')}), scan #${moved.scanId}`);
      await sendScanSlice(boss, { scanId: moved.scanId, slice: 0 });
    }
    for (const scanId of await stalledScans(db, now, options.tuning.stallSeconds)) {
      // A fresh slice number: the stalled slice's job may still sit in pg-boss as active.
      await sendScanSlice(boss, { scanId, slice: Date.now(), ...(await onDemandLane(db, scanId)) });
    }
    const pruned = await pruneIfDue(db, { now, resetAttemptRetentionDays: options.resetAttemptRetentionDays ?? 90 });
    if (pruned)
      log(
        `pruned ${pruned.rateLimits} rate limits, ${pruned.loginThrottles} login throttles, ${pruned.resetAttempts} reset attempts`,
      );
  };
  // Every worker ticks on its own timer: each step is safe to run twice at once (a unique index
  // admits one scheduled scan; a doubled slice only meets leases already taken).
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const safeTick = () => {
    if (stopped) return Promise.resolve();
    const run = tick()
      .catch((error) => log(`tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
    return run;
  };
  const timer = setInterval(safeTick, options.tuning.tickSeconds * 1000);
  await safeTick();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
