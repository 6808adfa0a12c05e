import { CAUSES } from './lifecycle';
import type { CallsByStage } from './policies';
import type { PolicyStats } from './stats';

// Plain-text tables for a reader; the JSON line at the end is for machines.

export interface NamedStats {
  name: string;
  stats: PolicyStats;
}

const h = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1));
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function policyTable(policies: NamedStats[], days: number): string {
  const rows = policies.map(({ name, stats }) => {
    const s = stats.all.summary();
    const lapsed = stats.lapsed.summary();
    const caught = stats.drops === 0 ? '–' : pct(stats.dropsCaughtBefore / stats.drops);
    return [
      name,
      String(s.events),
      pct(1 - s.undetectedShare),
      h(s.p50),
      h(s.p95),
      h(s.p99),
      h(s.max),
      h(lapsed.p99),
      caught,
      (stats.calls / days).toFixed(1),
    ];
  });
  return table(
    [
      'policy',
      'events',
      'detected',
      'p50 h',
      'p95 h',
      'p99 h',
      'max h',
      'lapsed p99 h',
      'unverified before drop',
      'calls/day',
    ],
    rows,
  );
}

export function causeTable(policies: NamedStats[]): string {
  const [ours] = policies;
  if (!ours) return '';
  const rows = CAUSES.flatMap((cause) => {
    const own = ours.stats.byCause.get(cause)?.summary();
    if (!own) return [];
    const others = policies.slice(1).map((p) => h(p.stats.byCause.get(cause)?.summary().p99 ?? Number.NaN));
    return [[cause, String(own.events), h(own.p50), h(own.p99), h(own.max), ...others]];
  });
  return table(
    [
      'event (cause)',
      'events',
      `${ours.name} p50 h`,
      `${ours.name} p99 h`,
      `${ours.name} max h`,
      ...policies.slice(1).map((p) => `${p.name} p99 h`),
    ],
    rows,
  );
}

export function stageCallsLine(byStage: CallsByStage, days: number): string {
  const total = Object.values(byStage).reduce((a, b) => a + b, 0);
  const parts = Object.entries(byStage)
    .sort(([, a], [, b]) => b - a)
    .map(([stage, n]) => `${stage} ${(n / days).toFixed(1)}/day (${((n / Math.max(total, 1)) * 100).toFixed(1)}%)`);
  return `ours' calls by the stage last seen: ${parts.join(', ')}`;
}

/** Which events make the tail: a p99 target holds exactly while these stay under 1% of all events. */
export function overLine(name: string, stats: PolicyStats, hours: number): string {
  const total = stats.all.hours.length;
  const over = stats.all.hours.filter((x) => x > hours).length;
  const parts = CAUSES.flatMap((cause) => {
    const n = stats.byCause.get(cause)?.hours.filter((x) => x > hours).length ?? 0;
    return n === 0 ? [] : [`${cause} ${n}`];
  });
  const share = total === 0 ? 0 : over / total;
  return `${name}: ${over} of ${total} events (${(share * 100).toFixed(2)}%) took > ${hours} h${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The four event kinds of issue 12, by the cause that makes each. */
export const EVENT_KINDS = [
  ['expiry', 'expired'],
  ['deletion', 'deleted_by_registrar'],
  ['re-registration', 're_registered'],
  ['mid-term deletion', 'deleted_by_owner'],
] as const;

export function kindTable(policies: NamedStats[]): string {
  const rows = EVENT_KINDS.map(([kind, cause]) => [
    kind,
    String(policies[0]?.stats.byCause.get(cause)?.hours.length ?? 0),
    ...policies.flatMap(({ stats }) => {
      const s = stats.byCause.get(cause)?.summary();
      return [h(s?.p50 ?? Number.NaN), h(s?.p99 ?? Number.NaN)];
    }),
  ]);
  return table(['event kind', 'events', ...policies.flatMap((p) => [`${p.name} p50 h`, `${p.name} p99 h`])], rows);
}

export function requestTable(policies: NamedStats[], days: number): string {
  const rows = policies.map(({ name, stats }) => {
    const r = stats.requests;
    const total = r.rdapRegistry + r.rdapRegistrar + r.statusApi + r.dns;
    return [name, ...[r.rdapRegistry, r.rdapRegistrar, r.statusApi, r.dns, total].map((n) => (n / days).toFixed(1))];
  });
  return table(['requests/day', 'RDAP registry', 'RDAP registrar', 'status API (paid)', 'DNS', 'total'], rows);
}

export function unverifyLine(policies: NamedStats[]): string {
  return `unverified addresses before the domain could be registered by someone else: ${policies
    .map(
      ({ name, stats }) =>
        `${name} ${stats.addressDrops === 0 ? '–' : pct(stats.addressesCaughtBefore / stats.addressDrops)}`,
    )
    .join(', ')}`;
}
