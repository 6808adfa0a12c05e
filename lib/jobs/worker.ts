import type PgBoss from 'pg-boss';
import type { Db } from '@/db/connect';
import type { DomainChecker } from '@/lib/domains/check';
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

/** Registers this process as a worker: scan slices, and the minute tick (scheduler + sweeper + hourly prune). */
export async function startWorker(options: WorkerOptions): Promise<{ tick: () => Promise<void>; stop: () => void }> {
  const { db, boss, checker } = options;
  const log = options.log ?? (() => {});

  await boss.work<ScanJob>(QUEUES.scan, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { scanId, slice } = job.data;
    const { concurrency, sliceSeconds, leaseSeconds } = options.tuning;
    const outcome = await runScanChunk(scanId, {
      db,
      checker,
      budgetMs: sliceSeconds * 1000,
      concurrency,
      leaseSeconds,
    });
    // A slice ends after its time budget so a dead worker loses little; the next slice continues.
    if (outcome === 'more') await sendScanSlice(boss, { scanId, slice: slice + 1 });
    else if (outcome === 'waiting') await sendScanSlice(boss, { scanId, slice: slice + 1 }, 5);
    else log(`scan #${scanId} ${outcome}`);
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
      await sendScanSlice(boss, { scanId, slice: Date.now() });
    }
    const pruned = await pruneIfDue(db, { now, resetAttemptRetentionDays: options.resetAttemptRetentionDays ?? 90 });
    if (pruned)
      log(
        `pruned ${pruned.rateLimits} rate limits, ${pruned.loginThrottles} login throttles, ${pruned.resetAttempts} reset attempts`,
      );
  };
  // Every worker ticks on its own timer: each step is safe to run twice at once (a unique index
  // admits one scheduled scan; a doubled slice only meets leases already taken).
  const safeTick = () =>
    tick().catch((error) => log(`tick failed: ${error instanceof Error ? error.message : String(error)}`));
  const timer = setInterval(safeTick, options.tuning.tickSeconds * 1000);
  await safeTick();
  return { tick, stop: () => clearInterval(timer) };
}
