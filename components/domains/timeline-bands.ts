import type { DateKind, Stage } from '@/core/domains';
import type { Band, Marker, TimelineInput } from './timeline-layout';

// The stage bands of the domain timeline: what was observed, up to the stage the domain is in now,
// then the phases still to come if nobody renews. Only those are projected: the current stage is
// observed, from the check that first saw it (or the stated date that started it) to its expected end.

/** The phases of a lapse in order, each with the lifecycle date that ends it. */
const PHASES: { stage: Stage; endsAt: Marker['key'] }[] = [
  { stage: 'expiring', endsAt: 'expiresAt' },
  { stage: 'grace', endsAt: 'graceEndsAt' },
  { stage: 'redemption', endsAt: 'redemptionEndsAt' },
  { stage: 'pending_delete', endsAt: 'deletionAt' },
];
/**
 * Stages a stated date starts: a published expiry starts grace, a new registration date starts
 * re-registered. Estimated dates never move an observed band: that would draw a guess as seen.
 */
const STARTED_BY: Partial<Record<Stage, Marker['key']>> = { grace: 'expiresAt', re_registered: 'registeredAt' };

export function layoutBands(
  input: TimelineInput,
  axis: { windowStart: number; now: number; x: (ms: number) => number },
): Band[] {
  const { now, x } = axis;
  const observed = observedStages(input, axis.windowStart, now);
  const end = currentEnd(input, now);
  const bands = observed.map((b, i) => {
    const last = i === observed.length - 1;
    const to = last ? end.at : Math.min(observed[i + 1]!.from, now);
    return band(b.stage, b.from, to, x, { projected: false, current: last, fromKind: b.fromKind });
  });
  // What comes next if nobody renews: each later phase up to its estimated or stated end.
  let cursor = end;
  const current = PHASES.findIndex((p) => p.stage === input.stage);
  for (const p of current >= 0 ? PHASES.slice(current + 1) : []) {
    const d = input.timeline?.[p.endsAt];
    if (!d || Date.parse(d.at) <= cursor.at) continue;
    bands.push(
      band(p.stage, cursor.at, Date.parse(d.at), x, { projected: true, current: false, fromKind: cursor.kind }),
    );
    cursor = { at: Date.parse(d.at), kind: d.kind };
  }
  return bands;
}

/**
 * The observed stages, oldest first, the last one being the domain's stage now. The current stage
 * starts at the first check that saw it, or earlier at the stated date that started it (a domain
 * first checked a week after its stated expiry has been in grace since that expiry), but never
 * before the stage observed before it began.
 */
function observedStages(input: TimelineInput, windowStart: number, now: number) {
  const t = (iso: string) => Date.parse(iso);
  const observed: { stage: Stage; from: number; fromKind: Band['fromKind'] }[] = input.stageChanges.map((c) => ({
    stage: c.stage,
    from: t(c.at),
    fromKind: 'observed',
  }));
  const last = observed[observed.length - 1];
  // The domain's own stage wins when no observation recorded the change (e.g. imported data).
  if (!last || last.stage !== input.stage)
    observed.push({
      stage: input.stage,
      from: input.stageSince ? t(input.stageSince) : windowStart,
      fromKind: 'observed',
    });
  const currentBand = observed[observed.length - 1]!;
  const key = STARTED_BY[input.stage];
  const stated = key ? input.timeline?.[key] : null;
  const floor = observed.length > 1 ? observed[observed.length - 2]!.from : Number.NEGATIVE_INFINITY;
  if (stated?.kind === 'stated' && t(stated.at) < currentBand.from && t(stated.at) > floor && t(stated.at) <= now) {
    currentBand.from = t(stated.at);
    currentBand.fromKind = 'stated';
  }
  return observed;
}

/** When the current stage is expected to end: its phase's end date when that is still ahead, else now. */
function currentEnd(input: TimelineInput, now: number): { at: number; kind: DateKind } {
  const phase = PHASES.find((p) => p.stage === input.stage);
  const end = phase ? input.timeline?.[phase.endsAt] : null;
  return end && Date.parse(end.at) > now ? { at: Date.parse(end.at), kind: end.kind } : { at: now, kind: 'estimated' };
}

function band(
  stage: Stage,
  from: number,
  to: number,
  x: (ms: number) => number,
  kind: Pick<Band, 'projected' | 'current' | 'fromKind'>,
): Band {
  return {
    stage,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    x: x(from),
    width: Math.max(0, x(to) - x(from)),
    ...kind,
  };
}
