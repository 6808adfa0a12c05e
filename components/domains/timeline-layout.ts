import type { DateKind, Stage, Timeline } from '@/core/domains';
import { formatMonthYear } from '../data-table/format';
import { layoutBands } from './timeline-bands';

// Turns a domain's history into positions on a horizontal time axis (0..1). Pure, so it is unit
// tested and renders the same on the server and in the browser.

export interface TimelineInput {
  now: string;
  stage: Stage;
  stageSince: string | null;
  stageChanges: { stage: Stage; at: string }[];
  timeline: Timeline | null;
  flags: { id: number; createdAt: string; address: string }[];
  scans: { id: number; createdAt: string; kind: string; state: string }[];
}

export interface Band {
  stage: Stage;
  /** Where the band starts and ends (ISO); `to` of the current stage may lie after now (its expected end). */
  from: string;
  to: string;
  x: number;
  width: number;
  /** A phase still to come, estimated from the lifecycle dates: nobody has observed it. */
  projected: boolean;
  /**
   * The stage the domain is in now. Observed from `from` (the first check that saw it, or the
   * registry's stated date that started it when that is earlier); `to` is the end the lifecycle
   * dates give the phase, or now when they give none.
   */
  current: boolean;
  /**
   * What `from` rests on: a check that saw the stage ('observed'), or a lifecycle date the band
   * starts at ('stated' by the registry, or 'estimated' from published periods; now, for a
   * projection that starts today, counts as estimated).
   */
  fromKind: 'observed' | DateKind;
}

export interface Marker {
  key: 'registeredAt' | 'expiresAt' | 'graceEndsAt' | 'redemptionEndsAt' | 'deletionAt';
  label: string;
  at: string;
  kind: DateKind;
  x: number;
  /** Outside the drawn window: pinned to that edge with an arrow. */
  offScale: 'before' | 'after' | null;
  row: number;
}

export interface EventPoint {
  type: 'flag' | 'scan';
  id: number;
  at: string;
  x: number;
  label: string;
}

export interface TimelineLayout {
  /** The moment the layout was made for (the read's "now"). */
  now: string;
  start: string;
  end: string;
  nowX: number;
  bands: Band[];
  markers: Marker[];
  events: EventPoint[];
  ticks: { x: number; label: string }[];
}

const DAY = 86_400_000;
export const MARKER_LABELS: Record<Marker['key'], string> = {
  registeredAt: 'Registered',
  expiresAt: 'Expires',
  graceEndsAt: 'Grace ends',
  redemptionEndsAt: 'Redemption ends',
  deletionAt: 'Deletion expected',
};
export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const now = Date.parse(input.now);
  const t = (iso: string) => Date.parse(iso);
  const dates = (Object.keys(MARKER_LABELS) as Marker['key'][]).flatMap((key) => {
    const d = input.timeline?.[key];
    return d ? [{ key, ...d }] : [];
  });
  // The window: what happened and what is due, but not decades back or forward (a registration in
  // 2009 would squash this month's events into a line); those dates are pinned to the edges.
  const near = (ms: number) => ms >= now - 730 * DAY && ms <= now + 400 * DAY;
  const times = [
    now - 14 * DAY,
    now + 7 * DAY,
    ...input.stageChanges.map((c) => t(c.at)),
    ...input.flags.map((f) => t(f.createdAt)),
    ...input.scans.map((s) => t(s.createdAt)),
    ...(input.stageSince ? [t(input.stageSince)] : []),
    ...dates.map((d) => t(d.at)),
  ].filter(near);
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = (hi - lo) * 0.04;
  const start = lo - pad;
  const end = hi + pad;
  const x = (ms: number) => Math.min(1, Math.max(0, (ms - start) / (end - start)));

  const bands = layoutBands(input, { windowStart: start, now, x });

  const markers: Marker[] = dates
    .sort((a, b) => t(a.at) - t(b.at))
    .map((d, i) => ({
      key: d.key,
      label: MARKER_LABELS[d.key],
      at: d.at,
      kind: d.kind,
      x: x(t(d.at)),
      offScale: t(d.at) < start ? 'before' : t(d.at) > end ? 'after' : null,
      row: i % 3,
    }));
  const events: EventPoint[] = [
    ...input.flags.map((f) => ({
      type: 'flag' as const,
      id: f.id,
      at: f.createdAt,
      x: x(t(f.createdAt)),
      label: `Flag #${f.id} opened on ${f.address}`,
    })),
    ...input.scans.map((s) => ({
      type: 'scan' as const,
      id: s.id,
      at: s.createdAt,
      x: x(t(s.createdAt)),
      label: `Scan #${s.id} (${s.kind}, ${s.state})`,
    })),
  ];
  return {
    now: new Date(now).toISOString(),
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    nowX: x(now),
    bands,
    markers,
    events,
    ticks: monthTicks(start, end, x),
  };
}

/** Month starts (or every few months on a long window), labelled "Mar 2026". */
function monthTicks(start: number, end: number, x: (ms: number) => number) {
  const months = (end - start) / (30 * DAY);
  const step = months > 36 ? 6 : months > 14 ? 3 : 1;
  const d = new Date(start);
  let m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  const ticks: { x: number; label: string }[] = [];
  while (m.getTime() < end && ticks.length < 40) {
    if (m.getUTCMonth() % step === 0)
      ticks.push({
        x: x(m.getTime()),
        label: formatMonthYear(m),
      });
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  return ticks;
}
