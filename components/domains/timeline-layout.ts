import type { DateKind, Stage, Timeline } from '@/core/domains';

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
  from: string;
  to: string;
  x: number;
  width: number;
  /** Future phases estimated from the lifecycle dates, not observed. */
  projected: boolean;
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
const PROJECTION: { key: Marker['key']; stage: Stage }[] = [
  { key: 'graceEndsAt', stage: 'grace' },
  { key: 'redemptionEndsAt', stage: 'redemption' },
  { key: 'deletionAt', stage: 'pending_delete' },
];

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

  const observed: { stage: Stage; from: number }[] = input.stageChanges.map((c) => ({ stage: c.stage, from: t(c.at) }));
  const last = observed[observed.length - 1];
  // The domain's own stage wins when no observation recorded the change (e.g. imported data).
  if (!last || last.stage !== input.stage)
    observed.push({ stage: input.stage, from: input.stageSince ? t(input.stageSince) : start });
  const bands: Band[] = observed.map((b, i) => {
    const to = Math.min(observed[i + 1]?.from ?? now, now);
    return {
      stage: b.stage,
      from: new Date(b.from).toISOString(),
      to: new Date(to).toISOString(),
      x: x(b.from),
      width: Math.max(0, x(to) - x(b.from)),
      projected: false,
    };
  });
  // What comes next if nobody renews: the phases after now, up to each estimated or stated end.
  let cursor = now;
  const current = PROJECTION.findIndex((p) => p.stage === input.stage);
  if (current >= 0) {
    for (const p of PROJECTION.slice(current)) {
      const d = input.timeline?.[p.key];
      if (!d || t(d.at) <= cursor) continue;
      bands.push({
        stage: p.stage,
        from: new Date(cursor).toISOString(),
        to: d.at,
        x: x(cursor),
        width: x(t(d.at)) - x(cursor),
        projected: true,
      });
      cursor = t(d.at);
    }
  }

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
        label: m.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      });
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  return ticks;
}
