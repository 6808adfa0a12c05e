import type { Cause, LifecycleEvent } from './lifecycle';
import { type Clock, HOUR_MS } from './model';
import { emptyRequests, type SourceRequests } from './sources';

// Detection delay of an event = first successful check of its domain at or after the event − the
// event. An event with no check before the end of the simulation is "undetected" and enters the
// percentiles with delay = end − event: a lower bound, so undetected events can only flatter a policy.

const LAPSED = new Set(['redemption', 'pending_delete', 'available', 're_registered']);

export class Delays {
  readonly hours: number[] = [];
  undetected = 0;

  add(hours: number, detected: boolean): void {
    this.hours.push(hours);
    if (!detected) this.undetected += 1;
  }

  summary(): DelaySummary {
    const sorted = Float64Array.from(this.hours).sort();
    const at = (p: number) =>
      sorted.length === 0 ? Number.NaN : (sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);
    return {
      events: sorted.length,
      undetectedShare: sorted.length === 0 ? 0 : this.undetected / sorted.length,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
    };
  }
}

export interface DelaySummary {
  events: number;
  undetectedShare: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class PolicyStats {
  readonly all = new Delays();
  /** Events into the stages that unverify by default (redemption onwards). */
  readonly lapsed = new Delays();
  readonly byCause = new Map<Cause, Delays>();
  /** Events during the import ramp, before the measured window. */
  readonly importRamp = new Delays();
  drops = 0;
  /** Drops preceded by a check in redemption or pending delete: the addresses were unverified before a stranger could register. */
  dropsCaughtBefore = 0;
  /** The same, weighted by the domain's address rows (PyPI unverifies row by row). */
  addressDrops = 0;
  addressesCaughtBefore = 0;
  calls = 0;
  requests: SourceRequests = emptyRequests();
  unverified = 0;
  falseUnverified = 0;
}

/** Index of the first value ≥ x in an ascending list (list.length if none). */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? Number.POSITIVE_INFINITY) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addDelay(stats: PolicyStats, e: LifecycleEvent, hours: number, detected: boolean): void {
  stats.all.add(hours, detected);
  if (LAPSED.has(e.to)) stats.lapsed.add(hours, detected);
  let byCause = stats.byCause.get(e.cause);
  if (!byCause) {
    byCause = new Delays();
    stats.byCause.set(e.cause, byCause);
  }
  byCause.add(hours, detected);
}

/**
 * PyPI keeps only status words: a check detects an event when its words differ from those of the
 * stage before the event (active → expiring in the warning window, say, shows nothing). A drop's
 * addresses count as unverified in time when the row's own check fired the rule after the lapse began.
 */
export function recordPypiDetections(
  events: readonly LifecycleEvent[],
  checks: readonly { at: number; key: string }[],
  clock: Clock,
  stats: PolicyStats,
  rowFires: readonly (readonly number[])[],
  wordsKey: (stage: LifecycleEvent['from']) => string,
): void {
  const times = checks.map((c) => c.at);
  for (const e of events) {
    if (e.at < clock.measureFrom || e.at >= clock.measureTo) continue;
    const before = wordsKey(e.from);
    let first: number | undefined;
    for (let i = lowerBound(times, e.at); i < checks.length; i += 1) {
      if (checks[i]?.key !== before) {
        first = checks[i]?.at;
        break;
      }
    }
    addDelay(stats, e, ((first ?? clock.end) - e.at) / HOUR_MS, first !== undefined);
    if (e.cause === 'dropped' && e.lapseAt !== undefined) {
      const lapseAt = e.lapseAt;
      stats.drops += 1;
      stats.addressDrops += rowFires.length;
      const caught = rowFires.filter((fired) => fired.some((t) => t >= lapseAt && t < e.at)).length;
      stats.addressesCaughtBefore += caught;
      if (caught === rowFires.length) stats.dropsCaughtBefore += 1;
    }
  }
}

export function recordDetections(
  events: readonly LifecycleEvent[],
  checks: readonly number[],
  clock: Clock,
  stats: PolicyStats,
  rows = 1,
): void {
  for (const e of events) {
    if (e.at < clock.importAt || e.at >= clock.measureTo) continue;
    const first = checks[lowerBound(checks, e.at)];
    const detected = first !== undefined;
    const hours = ((first ?? clock.end) - e.at) / HOUR_MS;
    if (e.at < clock.measureFrom) {
      stats.importRamp.add(hours, detected);
      continue;
    }
    addDelay(stats, e, hours, detected);
    if (e.cause === 'dropped' && e.redemptionAt !== undefined) {
      stats.drops += 1;
      const seen = checks[lowerBound(checks, e.redemptionAt)];
      stats.addressDrops += rows;
      if (seen !== undefined && seen < e.at) {
        stats.dropsCaughtBefore += 1;
        stats.addressesCaughtBefore += rows;
      }
    }
  }
}
