import type { ScanCounters } from '@/db/schema/scans';
import { LAPSED_STAGES, type Stage } from '@/core/domains';
// Most severe stage a flag has seen: flags escalate by the policy's own order.
import { SEVERITY } from '@/lib/policy/decide';
import { nextCheckAt } from '@/lib/policy/recheck';
import { emptyTotals } from '@/lib/scans/apply';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import type { Era } from './history-eras';

// The demo's past: the scans the worker would have run over the last HISTORY_DAYS (a full scan
// when the registry started watching, then one scheduled scan a day for whatever was due), which
// domain each one checked, when, and what it saw. Checks follow the real cadence
// (lib/policy/recheck.ts: monthly far from expiry, daily near it and while lapsing), so a lapse is
// seen the day it starts; flags open at the first check that saw a lapsed stage, after the owner
// verified the address. Pure: seed-demo.ts writes the result.

const DAY = 86_400_000;
export const HISTORY_DAYS = 180;
/** How long after a restored domain's flag was resolved its owners verified their address again. */
export const REVERIFIED_AFTER_MS = 2 * DAY + 3 * 3_600_000;
const LAPSED = new Set<Stage>(LAPSED_STAGES);

export interface HistoryDomain {
  name: string;
  eras: Era[];
  /** When its addresses were verified: it is watched (and can be flagged) from then on. */
  verifiedAt: number;
  /** Today's stage and expiry, as the domain row stores them. */
  stage: Stage;
  expiresAt: Date | null;
}

export interface HistoryScan {
  kind: 'full' | 'scheduled';
  trigger: 'cli' | 'schedule';
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date;
  domains: string[];
}

export interface Check {
  /** Index into `scans`. */
  scan: number;
  at: Date;
  era: Era;
}

export interface DomainHistory {
  checks: Check[];
  stageSince: Date;
  lastCheckedAt: Date;
  nextCheckAt: Date;
  /** The flag its addresses got (one per address), or null. */
  flag: {
    check: Check;
    stage: Stage;
    /** The check that saw the owner renew (the registry restored the name), or null: still open. */
    resolvedBy: Check | null;
  } | null;
}

export function simulateHistory(domains: HistoryDomain[], now: Date) {
  // The scheduler's scans a day apart, the last a few hours ago: every domain is checked by the
  // time its next check is due, and none is due right after seeding.
  const last = Math.floor((now.getTime() - 3 * 3_600_000) / 60_000) * 60_000;
  const due = new Map<string, number>(domains.map((d) => [d.name, Number.NEGATIVE_INFINITY]));
  const checks = new Map<string, Check[]>(domains.map((d) => [d.name, []]));
  const scans: HistoryScan[] = [];
  for (let k = 0; k <= HISTORY_DAYS; k += 1) {
    const createdAt = last - (HISTORY_DAYS - k) * DAY;
    const startedAt = createdAt + (3 + (k % 5)) * 1000;
    const batch = domains.filter((d) => createdAt >= d.verifiedAt && due.get(d.name)! < createdAt + DAY);
    if (batch.length === 0) continue;
    const index = scans.length;
    let at = startedAt;
    for (const [i, d] of batch.entries()) {
      at += 250 + ((i * 37 + k * 11) % 300);
      const era = eraAt(d.eras, at);
      checks.get(d.name)!.push({ scan: index, at: new Date(at), era });
      const expiresAt = era.registration?.expiresAt ?? d.expiresAt;
      due.set(
        d.name,
        nextCheckAt(
          { stage: era.stage, expiresAt, now: new Date(at), consecutiveFailures: 0 },
          DEFAULT_POLICY_SETTINGS,
        ).getTime(),
      );
    }
    scans.push({
      kind: k === 0 ? 'full' : 'scheduled',
      trigger: k === 0 ? 'cli' : 'schedule',
      createdAt: new Date(createdAt),
      startedAt: new Date(startedAt),
      finishedAt: new Date(at + 1_500),
      domains: batch.map((d) => d.name),
    });
  }
  // A domain whose last check predates today's stage (it changed between two monthly checks) is
  // checked once more at the end of the last scan, so no stage is stored that no check saw.
  const final = scans[scans.length - 1]!;
  for (const d of domains) {
    const seen = checks.get(d.name)!;
    const today = d.eras[d.eras.length - 1]!;
    if (seen.length > 0 && seen[seen.length - 1]!.era === today) continue;
    const at = new Date(final.finishedAt.getTime() + 300);
    seen.push({ scan: scans.length - 1, at, era: today });
    final.domains.push(d.name);
    final.finishedAt = new Date(at.getTime() + 1_500);
  }
  const byDomain = new Map<string, DomainHistory>();
  for (const d of domains) {
    const seen = checks.get(d.name)!;
    const lastCheck = seen[seen.length - 1]!;
    byDomain.set(d.name, {
      checks: seen,
      stageSince: stageSince(seen),
      lastCheckedAt: lastCheck.at,
      nextCheckAt: nextCheckAt(
        { stage: d.stage, expiresAt: d.expiresAt, now: lastCheck.at, consecutiveFailures: 0 },
        DEFAULT_POLICY_SETTINGS,
      ),
      flag: flagOf(d, seen),
    });
  }
  return { scans, byDomain };
}

function eraAt(eras: Era[], at: number): Era {
  let found = eras[0]!;
  for (const era of eras) if (era.from <= at) found = era;
  return found;
}

/** The first check of the run of checks that ends in today's stage. */
function stageSince(checks: Check[]): Date {
  let i = checks.length - 1;
  while (i > 0 && checks[i - 1]!.era.stage === checks[i]!.era.stage) i -= 1;
  return checks[i]!.at;
}

/** The flag the policy opened at the first lapsed check, escalated to the worst stage seen, resolved if renewed. */
function flagOf(d: HistoryDomain, checks: Check[]): DomainHistory['flag'] {
  const first = checks.findIndex((c) => LAPSED.has(c.era.stage) && c.at.getTime() >= d.verifiedAt);
  if (first < 0) return null;
  const recovered = checks.findIndex((c, i) => i > first && !LAPSED.has(c.era.stage));
  const lapse = checks.slice(first, recovered < 0 ? undefined : recovered);
  const stage = lapse.reduce<Stage>(
    (worst, c) => (SEVERITY[c.era.stage] > SEVERITY[worst] ? c.era.stage : worst),
    'redemption',
  );
  return { check: checks[first]!, stage, resolvedBy: recovered < 0 ? null : checks[recovered]! };
}

/**
 * Each scan's counters from what it did: domains checked and changed, verified addresses on them,
 * addresses unverified and flags opened and resolved. `holders`: addresses per domain. The demo
 * keeps no mail of the past, so no scan claims to have queued any.
 */
export function scanCounters(
  scans: HistoryScan[],
  byDomain: Map<string, DomainHistory>,
  holders: Map<string, number>,
): Required<ScanCounters>[] {
  const counters = scans.map(() => emptyTotals());
  for (const [name, history] of byDomain) {
    const n = holders.get(name) ?? 0;
    const flag = history.flag;
    history.checks.forEach((check, i) => {
      const c = counters[check.scan]!;
      c.domainsChecked += 1;
      if (i === 0 || history.checks[i - 1]!.era.stage !== check.era.stage) c.domainsChanged += 1;
      const reverified = flag?.resolvedBy
        ? flag.resolvedBy.at.getTime() + REVERIFIED_AFTER_MS
        : Number.POSITIVE_INFINITY;
      const unverified = flag && check.at > flag.check.at && check.at.getTime() < reverified;
      if (!unverified) c.verifiedAddressesChecked += n;
    });
    if (flag) {
      counters[flag.check.scan]!.addressesUnverified += n;
      counters[flag.check.scan]!.flagsOpened += n;
      if (flag.resolvedBy) counters[flag.resolvedBy.scan]!.flagsResolved += n;
    }
  }
  return counters;
}
