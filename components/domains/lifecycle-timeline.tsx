import { formatDate } from '../data-table/format';
import { STAGE_META } from './stage-badge';
import { STAGE_FILL } from './stage-colors';
import type { Band, TimelineLayout } from './timeline-layout';

const W = 1000;
const BAND_Y = 26;
const BAND_H = 40;
const LABEL_Y = [88, 102, 116];
const EVENT_Y = 138;
const H = 156;
const ink = '#0f172a';

/** A 0..1 position on the axis in SVG units. */
const px = (v: number) => v * W;
/** The band's name if it fits inside it (about 7.5 units per bold 12-unit character), else nothing: the title and the tables still name it. */
function bandLabel(band: Band, width: number): string | null {
  const name = STAGE_META[band.stage].label;
  const full = `${name}${band.projected ? ' (projected)' : ''}`;
  for (const text of [full, name]) if (text.length * 7.5 + 12 <= width) return text;
  return null;
}
// The shared formatter: the same text on the server and in the browser.
const day = (iso: string) => formatDate(iso);

/**
 * A band in words: observed stages say from when (and, for the stage the domain is in now, that it
 * still is and when it is expected to end); only phases still to come say "projected".
 */
export function bandTitle(band: Band, now: string): string {
  const name = STAGE_META[band.stage].label;
  if (band.projected) return `${name} (projected): ${day(band.from)} – ${day(band.to)}`;
  const from = `${name}: observed from ${day(band.from)}${band.fromKind === 'stated' ? ' (date stated by the registry)' : ''}`;
  if (!band.current) return `${from} to ${day(band.to)}`;
  return Date.parse(band.to) > Date.parse(now)
    ? `${from}, still in it; expected to end ${day(band.to)}`
    : `${from}, still in it`;
}

/**
 * The domain's history as an SVG: stages as coloured, labelled bands (observed stages solid, the
 * current one up to its expected end; phases still to come paler, dashed and "projected"), lifecycle dates as markers (stated: solid line, filled diamond; estimated: dashed line,
 * hollow diamond, "est."), flags and scans as points. The key-dates table beside it carries the same
 * facts as text.
 */
// The <title> gets one string: with several children React renders it differently on the server and in
// the browser (hydration error #418 on every domain page).
export function LifecycleTimeline({ domain, layout }: { domain: string; layout: TimelineLayout }) {
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="timeline-title timeline-desc"
      className="h-auto w-full"
      data-testid="lifecycle-timeline"
    >
      <title id="timeline-title">{`Lifecycle timeline of ${domain}`}</title>
      <desc id="timeline-desc">
        {`From ${day(layout.start)} to ${day(layout.end)}. Stages: ${layout.bands.map((b) => bandTitle(b, layout.now)).join('; ')}. ${layout.events.filter((e) => e.type === 'flag').length} flags and ${layout.events.filter((e) => e.type === 'scan').length} scans.`}
      </desc>
      {layout.ticks.map((t) => (
        <g key={t.label}>
          <line x1={px(t.x)} x2={px(t.x)} y1={16} y2={H - 6} stroke="#cbd5e1" strokeWidth={1} />
          <text x={px(t.x) + 3} y={12} fontSize={11} fill="#475569">
            {t.label}
          </text>
        </g>
      ))}
      {layout.bands.map((b) => (
        <g
          key={`${b.stage}-${b.from}-${b.projected}`}
          data-band={b.stage}
          data-projected={b.projected || undefined}
          data-current={b.current || undefined}
          data-from={b.from}
        >
          <title>{bandTitle(b, layout.now)}</title>
          <rect
            x={px(b.x)}
            y={BAND_Y}
            width={Math.max(1, px(b.width))}
            height={BAND_H}
            fill={STAGE_FILL[b.stage]}
            fillOpacity={b.projected ? 0.45 : 1}
            stroke={ink}
            strokeWidth={1}
            strokeDasharray={b.projected ? '5 4' : undefined}
          />
          {bandLabel(b, px(b.width)) ? (
            <text x={px(b.x) + 6} y={BAND_Y + 25} fontSize={12} fill={ink} fontWeight={600}>
              {bandLabel(b, px(b.width))}
            </text>
          ) : null}
        </g>
      ))}
      {layout.markers.map((m) => {
        const mx = px(m.x);
        const estimated = m.kind === 'estimated';
        const text = `${m.offScale === 'before' ? '← ' : ''}${m.label}${estimated ? ' (est.)' : ''} ${day(m.at)}${m.offScale === 'after' ? ' →' : ''}`;
        const anchor = m.x > 0.8 ? 'end' : m.x < 0.05 ? 'start' : 'middle';
        return (
          <g key={m.key} data-marker={m.key} data-kind={m.kind}>
            <title>{`${m.label}: ${day(m.at)} (${m.kind})`}</title>
            <line
              x1={mx}
              x2={mx}
              y1={BAND_Y - 4}
              y2={BAND_Y + BAND_H + 8}
              stroke={ink}
              strokeWidth={2}
              strokeDasharray={estimated ? '4 3' : undefined}
            />
            <path
              d={`M ${mx} ${BAND_Y + BAND_H + 3} l 6 6 l -6 6 l -6 -6 z`}
              fill={estimated ? '#fff' : ink}
              stroke={ink}
              strokeWidth={1.5}
            />
            <text
              x={mx}
              y={(LABEL_Y[m.row] ?? 88) + 4}
              fontSize={11}
              fill={ink}
              textAnchor={anchor}
              fontStyle={estimated ? 'italic' : undefined}
            >
              {text}
            </text>
          </g>
        );
      })}
      <g>
        <title>Now</title>
        <line
          x1={px(layout.nowX)}
          x2={px(layout.nowX)}
          y1={18}
          y2={H - 4}
          stroke="#0369a1"
          strokeWidth={2}
          strokeDasharray="2 2"
        />
        <text x={px(layout.nowX) + 3} y={BAND_Y - 2} fontSize={10} fill="#0369a1" fontWeight={700}>
          now
        </text>
      </g>
      {layout.events.map((e) => (
        <g key={`${e.type}-${e.id}`} data-event={e.type}>
          <title>{`${e.label}, ${day(e.at)}`}</title>
          {e.type === 'flag' ? (
            <path d={`M ${px(e.x)} ${EVENT_Y - 6} l 6 11 l -12 0 z`} fill="#b91c1c" stroke="#7f1d1d" />
          ) : (
            <circle cx={px(e.x)} cy={EVENT_Y + 10} r={4.5} fill="#0369a1" stroke="#0c4a6e" />
          )}
        </g>
      ))}
    </svg>
  );
}
