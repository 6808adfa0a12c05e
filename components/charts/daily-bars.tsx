// Paired bars per day, hand-drawn in SVG. Series differ by fill pattern as well as colour (solid vs
// hatched), the legend names them, and the same numbers are available as a table.

export interface DailySeries {
  key: string;
  label: string;
  color: string;
  hatched?: boolean;
}

const W = 900;
const H = 180;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 8;

function niceMax(n: number): number {
  if (n <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * magnitude).find((s) => s * 4 >= n) ?? magnitude * 10;
  return step * 4;
}

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function DailyBars<T extends { day: string } & Record<string, number | string>>({
  title,
  description,
  rows,
  series,
}: {
  title: string;
  description: string;
  rows: T[];
  series: DailySeries[];
}) {
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => series.map((s) => Number(r[s.key]) || 0))));
  const plotW = W - LEFT;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / Math.max(1, rows.length);
  const barW = Math.max(1, (slot * 0.8) / series.length);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          {series
            .filter((s) => s.hatched)
            .map((s) => (
              <pattern
                key={s.key}
                id={`${id}-${s.key}-hatch`}
                width="4"
                height="4"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="4" height="4" fill="#fff" />
                <rect width="2" height="4" fill={s.color} />
              </pattern>
            ))}
        </defs>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={LEFT} x2={W} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={LEFT - 4} y={y(max * f) + 4} fontSize={10} textAnchor="end" fill="#475569">
              {Math.round(max * f)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => (
          <g key={r.day}>
            <title>{`${dayLabel(r.day)}: ${series.map((s) => `${r[s.key]} ${s.label.toLowerCase()}`).join(', ')}`}</title>
            {series.map((s, j) => {
              const v = Number(r[s.key]) || 0;
              return v > 0 ? (
                <rect
                  key={s.key}
                  x={LEFT + i * slot + slot * 0.1 + j * barW}
                  y={y(v)}
                  width={barW}
                  height={TOP + plotH - y(v)}
                  fill={s.hatched ? `url(#${id}-${s.key}-hatch)` : s.color}
                  stroke={s.color}
                  strokeWidth={0.5}
                />
              ) : null;
            })}
            {i % 14 === 0 ? (
              <text x={LEFT + i * slot} y={H - 6} fontSize={10} fill="#475569">
                {dayLabel(r.day)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-4 text-xs text-slate-700">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <svg aria-hidden="true" width="14" height="10">
                {s.hatched ? (
                  <>
                    <rect width="14" height="10" fill="#fff" stroke={s.color} />
                    <path d="M0 10 L10 0 M4 10 L14 0" stroke={s.color} strokeWidth="2" />
                  </>
                ) : (
                  <rect width="14" height="10" fill={s.color} />
                )}
              </svg>
              {s.label} ({rows.reduce((sum, r) => sum + (Number(r[s.key]) || 0), 0).toLocaleString('en')} in total)
            </li>
          ))}
        </ul>
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer underline">Show the numbers as a table</summary>
          <table className="mt-2 text-xs">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-4 text-left">
                  Day
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="pr-4 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => series.some((s) => Number(r[s.key]) > 0))
                .map((r) => (
                  <tr key={r.day}>
                    <th scope="row" className="pr-4 text-left font-normal">
                      {dayLabel(r.day)}
                    </th>
                    {series.map((s) => (
                      <td key={s.key} className="pr-4 text-right tabular-nums">
                        {r[s.key]}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
