import type { Stage } from '@/core/domains';
import { nextCheckAt } from '@/lib/policy/recheck';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { type Segment, TruthCursor } from './lifecycle';
import { type Clock, DAY_MS, HOUR_MS, MODEL, type RunConfig } from './model';
import type { Registry } from './registry';
import { shuffle, streamRng } from './rng';

// The three schedules. Each gives, per domain, the times of its successful checks (what detection
// is measured from) and counts provider calls, failed ones included, inside the measured window.

export interface DomainChecks {
  /** Successful checks, ascending. */
  checks: number[];
  calls: number;
}

export type CallsByStage = Partial<Record<Stage, number>>;

const inWindow = (clock: Clock, t: number) => t >= clock.measureFrom && t < clock.measureTo;

/**
 * Ours: the real scheduler. What it is fed mirrors lib/scans/apply.ts: the stage and expiry of the
 * last successful check (a registry that states no expiry keeps the last one seen), and the count
 * of failed checks in a row. `byStage` counts calls by the stage the domain was last seen in.
 */
export function simulateOurs(
  d: number,
  segments: readonly Segment[],
  clock: Clock,
  config: RunConfig,
  byStage: CallsByStage,
): DomainChecks {
  const rng = streamRng(config.seed, 'ours', d);
  const truth = new TruthCursor(segments);
  const checks: number[] = [];
  let calls = 0;
  let stage: Stage = 'unknown';
  let expiresAt: number | null = null;
  let failures = 0;
  let t = clock.importAt + Math.round(rng() * MODEL.importDays * DAY_MS);
  while (t < clock.end) {
    if (inWindow(clock, t)) {
      calls += 1;
      byStage[stage] = (byStage[stage] ?? 0) + 1;
    }
    if (rng() < config.failRate) {
      failures += 1;
    } else {
      failures = 0;
      const seen = truth.at(t);
      stage = seen.stage;
      if (seen.expiresAt !== null) expiresAt = seen.expiresAt;
      checks.push(t);
    }
    const next = nextCheckAt(
      {
        stage,
        expiresAt: expiresAt === null ? null : new Date(expiresAt),
        now: new Date(t),
        consecutiveFailures: failures,
      },
      DEFAULT_POLICY_SETTINGS,
    ).getTime();
    // A schedule that does not move forward would loop for ever; it would also be a scheduler bug.
    if (!(next > t)) throw new Error(`nextCheckAt did not advance for domain ${d} at ${new Date(t).toISOString()}`);
    t = next;
  }
  return { checks, calls };
}

/** Daily: every domain every 24 h from a random phase; a failed check waits for the next day. */
export function simulateDaily(d: number, clock: Clock, config: RunConfig): DomainChecks {
  const rng = streamRng(config.seed, 'daily', d);
  const checks: number[] = [];
  let calls = 0;
  for (let t = clock.importAt + Math.round(rng() * DAY_MS); t < clock.end; t += DAY_MS) {
    if (inWindow(clock, t)) calls += 1;
    if (rng() >= config.failRate) checks.push(t);
  }
  return { checks, calls };
}

/**
 * PyPI (warehouse `batch_update_email_domain_status`, cron 04:00 UTC): each run takes at most
 * `capPerDay` rows last checked more than `recheckDays` ago, oldest first. Every row is in the queue,
 * big providers included. The queue starts in its steady state: rows in random order, last-check
 * times spaced as the cap (or the 30-day recheck, whichever is slower) would have left them.
 */
export function simulatePypi(
  registry: Registry,
  clock: Clock,
  config: RunConfig,
): { perDomain: number[][]; calls: number } {
  const { capPerDay, recheckDays, batchHourUtc } = MODEL.pypi;
  const rng = streamRng(config.seed, 'pypi');
  const rows = registry.emails;
  const owner = new Int32Array(rows).fill(-1); // domain index, or −1 for a big provider's row
  let r = 0;
  registry.addressesPerDomain.forEach((k, d) => {
    owner.fill(d, r, r + k);
    r += k;
  });
  shuffle(rng, owner);
  const spacing = Math.max(DAY_MS / capPerDay, (recheckDays * DAY_MS) / rows);
  const lastChecked = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) lastChecked[i] = clock.importAt - (rows - i) * spacing;

  const perDomain: number[][] = Array.from({ length: registry.addressesPerDomain.length }, () => []);
  let calls = 0;
  // Oldest first: a checked row goes to the back, so the queue is a ring whose head is the oldest row.
  let head = 0;
  for (let batchAt = clock.importAt + batchHourUtc * HOUR_MS; batchAt < clock.end; batchAt += DAY_MS) {
    for (let n = 0; n < capPerDay && (lastChecked[head] ?? batchAt) < batchAt - recheckDays * DAY_MS; n += 1) {
      if (inWindow(clock, batchAt)) calls += 1;
      const d = owner[head] ?? -1;
      if (rng() >= config.failRate && d >= 0) perDomain[d]?.push(batchAt);
      lastChecked[head] = batchAt;
      head = (head + 1) % rows;
    }
  }
  return { perDomain, calls };
}
