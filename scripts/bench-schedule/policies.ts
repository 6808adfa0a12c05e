import type { Stage } from '@/core/domains';
import { nextCheckAt } from '@/lib/policy/recheck';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { type Segment, TruthCursor } from './lifecycle';
import { type Clock, DAY_MS, HOUR_MS, MODEL, type RunConfig } from './model';
import { streamRng } from './rng';
import { checkRequests, type DnsState, type DomainSources, dnsStateAt, type SourceRequests } from './sources';

// Ours and the daily policy. Each gives, per domain, the times of its successful checks (what
// detection is measured from) and counts checks and requests by source, failed ones included,
// inside the measured window. PyPI lives in pypi.ts.

export interface DomainChecks {
  /** Successful checks, ascending. */
  checks: number[];
  calls: number;
}

export type CallsByStage = Partial<Record<Stage, number>>;

export const inWindow = (clock: Clock, t: number) => t >= clock.measureFrom && t < clock.measureTo;

const PROBED = new Set<Stage>(['active', 'expiring']);

/**
 * Ours: the real scheduler plus the daily DNS probe. What the scheduler is fed mirrors
 * lib/scans/apply.ts: the stage and expiry of the last successful check (a registry that states no
 * expiry keeps the last one seen), and the count of failed checks in a row. Between two scheduled
 * checks of a domain last seen active or expiring, the probe looks at DNS once a day; a move
 * (lib/probe/compare.ts: NXDOMAIN, parking, new name servers) brings the next check forward to the
 * probe. `byStage` counts checks by the stage the domain was last seen in.
 */
export function simulateOurs(
  d: number,
  segments: readonly Segment[],
  clock: Clock,
  config: RunConfig,
  src: DomainSources,
  requests: SourceRequests,
  byStage: CallsByStage,
): DomainChecks & { probeChecks: number } {
  const rng = streamRng(config.seed, 'ours', d);
  const probeRng = streamRng(config.seed, 'probe', d);
  const truth = new TruthCursor(segments);
  const dnsTruth = new TruthCursor(segments);
  const probeEvery = MODEL.probe.intervalHours * HOUR_MS;
  let nextProbe = clock.importAt + Math.round(probeRng() * probeEvery);
  let lastDns: DnsState | null = null;
  const checks: number[] = [];
  let calls = 0;
  let probeChecks = 0;
  let stage: Stage = 'unknown';
  let expiresAt: number | null = null;
  let failures = 0;
  let t = clock.importAt + Math.round(rng() * MODEL.importDays * DAY_MS);
  while (t < clock.end) {
    const seen = truth.at(t);
    const failed = rng() < config.failRate;
    if (inWindow(clock, t)) {
      calls += 1;
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      checkRequests(requests, src, seen.stage, failed);
    }
    if (failed) {
      failures += 1;
    } else {
      failures = 0;
      stage = seen.stage;
      if (seen.expiresAt !== null) expiresAt = seen.expiresAt;
      checks.push(t);
    }
    let next = nextCheckAt(
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
    while (nextProbe <= t) nextProbe += probeEvery;
    if (PROBED.has(stage)) {
      for (; nextProbe < next && nextProbe < clock.end; nextProbe += probeEvery) {
        if (inWindow(clock, nextProbe)) requests.dns += MODEL.sources.dnsQueriesPerLookup;
        const dns = dnsStateAt(dnsTruth.at(nextProbe), nextProbe, src);
        const moved = dns !== 'live' && dns !== lastDns && (dns !== 'new' || lastDns !== null);
        lastDns = dns;
        if (moved) {
          next = nextProbe;
          probeChecks += 1;
          break;
        }
      }
    }
    t = next;
  }
  return { checks, calls, probeChecks };
}

/** Daily: every domain every 24 h from a random phase (a full check each time); a failed check waits a day. */
export function simulateDaily(
  d: number,
  segments: readonly Segment[],
  clock: Clock,
  config: RunConfig,
  src: DomainSources,
  requests: SourceRequests,
): DomainChecks {
  const rng = streamRng(config.seed, 'daily', d);
  const truth = new TruthCursor(segments);
  const checks: number[] = [];
  let calls = 0;
  for (let t = clock.importAt + Math.round(rng() * DAY_MS); t < clock.end; t += DAY_MS) {
    const failed = rng() < config.failRate;
    if (inWindow(clock, t)) {
      calls += 1;
      checkRequests(requests, src, truth.at(t).stage, failed);
    }
    if (!failed) checks.push(t);
  }
  return { checks, calls };
}
