import type { Stage } from '@/core/domains';
import { type Clock, DAY_MS, HOUR_MS, MODEL } from './model';
import { exponential, type Rng, uniform } from './rng';

// The truth about one domain over the simulated time: a list of segments, each the stage and stated
// expiry a check would observe from `from` until the next segment. Stage changes are the events the
// policies must detect. Stages follow lib/domains/classify.ts: "expiring" from expiry − warning
// window, "grace" from expiry, and a stranger's registration stays "re_registered" (sticky).

export const CAUSES = [
  'window_opens',
  'renewed_in_window',
  'expired',
  'renewed_in_grace',
  'deleted_by_registrar',
  'deleted_by_owner',
  'restored',
  'pending_delete',
  'dropped',
  're_registered',
] as const;
export type Cause = (typeof CAUSES)[number];

export interface Segment {
  from: number;
  stage: Stage;
  /** What RDAP states; null once the registry no longer has the domain. */
  expiresAt: number | null;
  /** How this segment was entered; 'initial' and 'renewed_early' change no stage. */
  cause: Cause | 'initial' | 'renewed_early';
}

export interface LifecycleEvent {
  at: number;
  from: Stage;
  to: Stage;
  cause: Cause;
  /** For a drop: when the redemption it followed began (the stage at which addresses are unverified). */
  redemptionAt?: number;
  /** For a drop: when the lapse began (grace, or redemption when the owner deleted it): PyPI's rule fires from here. */
  lapseAt?: number;
}

const YEAR_MS = 365 * DAY_MS;

function push(segments: Segment[], raw: Segment): void {
  // Whole milliseconds, as a Date holds them: with fractional times the scheduler's
  // \`new Date(expiresAt − window)\` would land a fraction of a millisecond before the window opens.
  const segment = {
    ...raw,
    from: Math.round(raw.from),
    expiresAt: raw.expiresAt === null ? null : Math.round(raw.expiresAt),
  };
  const last = segments[segments.length - 1];
  if (last && last.stage === segment.stage && last.expiresAt === segment.expiresAt) return;
  segments.push(segment);
}

/** Redemption → pending delete → available → maybe re-registered, from `at`. */
function lapseFrom(rng: Rng, segments: Segment[], at: number, expiresAt: number, cause: Cause): void {
  const reRegister = rng() < MODEL.reRegisterShare;
  const dropCaught = rng() < MODEL.dropCatchShare;
  const delay = dropCaught ? uniform(rng, 0, HOUR_MS) : exponential(rng, MODEL.reRegisterMeanDays * DAY_MS);
  push(segments, { from: at, stage: 'redemption', expiresAt, cause });
  const pendingAt = at + MODEL.redemptionDays * DAY_MS;
  push(segments, { from: pendingAt, stage: 'pending_delete', expiresAt, cause: 'pending_delete' });
  const dropAt = pendingAt + MODEL.pendingDeleteDays * DAY_MS;
  push(segments, { from: dropAt, stage: 'available', expiresAt: null, cause: 'dropped' });
  if (reRegister)
    push(segments, {
      from: dropAt + delay,
      stage: 're_registered',
      expiresAt: dropAt + delay + YEAR_MS,
      cause: 're_registered',
    });
}

export function buildLifecycle(rng: Rng, clock: Clock): Segment[] {
  const m = MODEL;
  const windowMs = m.warningWindowDays * DAY_MS;
  // Draw the owner's deletion first and unconditionally, so it never shifts the other draws.
  const span = clock.end - clock.importAt;
  const deletes = rng() < (m.ownerDeleteRatePerYear * span) / YEAR_MS;
  const deleteAt = clock.importAt + rng() * span;
  const graceMs = uniform(rng, m.graceDays[0], m.graceDays[1]) * DAY_MS;
  let expiresAt = Math.round(
    rng() < m.multiYearShare
      ? clock.importAt + uniform(rng, 1, m.multiYearMaxYears) * YEAR_MS
      : clock.importAt + rng() * YEAR_MS,
  );

  const segments: Segment[] = [];
  push(segments, { from: clock.importAt - 10 * YEAR_MS, stage: 'active', expiresAt, cause: 'initial' });
  for (;;) {
    const windowAt = expiresAt - windowMs;
    if (windowAt >= clock.end) break;
    const renewedUntil = expiresAt + (rng() < m.twoYearRenewShare ? 2 : 1) * YEAR_MS;
    const u = rng();
    const timing = rng();
    const inWindow = uniform(rng, 0, windowMs);
    const early = uniform(rng, m.earlyRenewDaysBeforeExpiry[0], m.earlyRenewDaysBeforeExpiry[1]) * DAY_MS;
    const inGrace = rng() * graceMs;
    if (u >= m.lapseShare && timing < m.renewTiming.early) {
      push(segments, { from: expiresAt - early, stage: 'active', expiresAt: renewedUntil, cause: 'renewed_early' });
      expiresAt = renewedUntil;
      continue;
    }
    push(segments, { from: windowAt, stage: 'expiring', expiresAt, cause: 'window_opens' });
    if (u >= m.lapseShare && timing < m.renewTiming.early + m.renewTiming.window) {
      push(segments, {
        from: expiresAt - inWindow,
        stage: 'active',
        expiresAt: renewedUntil,
        cause: 'renewed_in_window',
      });
      expiresAt = renewedUntil;
      continue;
    }
    push(segments, { from: expiresAt, stage: 'grace', expiresAt, cause: 'expired' });
    if (u >= m.lapseShare) {
      push(segments, {
        from: expiresAt + inGrace,
        stage: 'active',
        expiresAt: renewedUntil,
        cause: 'renewed_in_grace',
      });
      expiresAt = renewedUntil;
      continue;
    }
    const redemptionAt = expiresAt + graceMs;
    if (rng() < m.restoreShare) {
      push(segments, { from: redemptionAt, stage: 'redemption', expiresAt, cause: 'deleted_by_registrar' });
      const restoredAt = redemptionAt + rng() * m.redemptionDays * DAY_MS;
      push(segments, { from: restoredAt, stage: 'active', expiresAt: expiresAt + YEAR_MS, cause: 'restored' });
      expiresAt += YEAR_MS;
      continue;
    }
    lapseFrom(rng, segments, redemptionAt, expiresAt, 'deleted_by_registrar');
    break;
  }
  return deletes ? withOwnerDeletion(rng, segments, deleteAt) : segments;
}

/** The owner deletes the domain at `at`: only bites while the owner still holds it (active or expiring). */
function withOwnerDeletion(rng: Rng, segments: Segment[], at: number): Segment[] {
  const kept = segments.filter((s) => s.from < at);
  const current = kept[kept.length - 1];
  if (!current || (current.stage !== 'active' && current.stage !== 'expiring')) return segments;
  lapseFrom(rng, kept, at, current.expiresAt ?? at, 'deleted_by_owner');
  return kept;
}

export function eventsOf(segments: readonly Segment[]): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  let redemptionAt: number | undefined;
  let lapseAt: number | undefined;
  for (let i = 1; i < segments.length; i += 1) {
    const prev = segments[i - 1];
    const seg = segments[i];
    if (!prev || !seg || prev.stage === seg.stage) continue;
    if (seg.cause === 'initial' || seg.cause === 'renewed_early') continue;
    if (seg.stage === 'redemption') {
      redemptionAt = seg.from;
      lapseAt = prev.stage === 'grace' ? prev.from : seg.from;
    }
    events.push({
      at: seg.from,
      from: prev.stage,
      to: seg.stage,
      cause: seg.cause,
      ...(seg.cause === 'dropped' ? { redemptionAt, lapseAt } : {}),
    });
  }
  return events;
}

/** Reads the truth at non-decreasing times (each policy walks its checks forward). */
export class TruthCursor {
  private i = 0;
  constructor(private readonly segments: readonly Segment[]) {}

  at(t: number): Segment {
    while ((this.segments[this.i + 1]?.from ?? Number.POSITIVE_INFINITY) <= t) this.i += 1;
    const seg = this.segments[this.i];
    if (!seg || seg.from > t) throw new Error('no truth before the first segment');
    return seg;
  }
}
