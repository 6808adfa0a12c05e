import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import type { SourceName } from '@/core/domains';

/**
 * Flags opened and resolved (including overridden) per UTC day, every day present even when zero,
 * so a chart of it has no gaps that read as "no data". Reads two index ranges (created, resolved).
 */
export async function getFlagsPerDay(
  db: DbOrTx,
  days: number,
): Promise<{ day: string; opened: number; resolved: number }[]> {
  const rows = await db.execute<{ day: string; opened: number; resolved: number }>(sql`
    with bounds as (select (now() at time zone 'UTC')::date - ${days - 1}::int as first_day),
    opened as (
      select (created_at at time zone 'UTC')::date as day, count(*) as n from flags
      where created_at >= (select first_day from bounds)::timestamp at time zone 'UTC' group by 1),
    resolved as (
      select (resolved_at at time zone 'UTC')::date as day, count(*) as n from flags
      where resolved_at >= (select first_day from bounds)::timestamp at time zone 'UTC' group by 1)
    select to_char(d, 'YYYY-MM-DD') as day, coalesce(o.n, 0)::int as opened, coalesce(r.n, 0)::int as resolved
    from generate_series((select first_day from bounds), (now() at time zone 'UTC')::date, interval '1 day') as d
    left join opened o on o.day = d::date
    left join resolved r on r.day = d::date
    order by d`);
  return rows.map((r) => ({ day: r.day, opened: Number(r.opened), resolved: Number(r.resolved) }));
}

/** Per source over the last 24 hours: checks, failures and latency percentiles (null when none was timed). */
export async function getSourceHealth(
  db: DbOrTx,
): Promise<{ source: SourceName; checks: number; errors: number; p50Ms: number | null; p95Ms: number | null }[]> {
  const rows = await db.execute<{
    source: SourceName;
    checks: number;
    errors: number;
    p50: number | null;
    p95: number | null;
  }>(sql`
    select source, count(*)::int as checks, count(*) filter (where error is not null)::int as errors,
           percentile_cont(0.5) within group (order by latency_ms) as p50,
           percentile_cont(0.95) within group (order by latency_ms) as p95
    from domain_observations
    where observed_at >= now() - interval '1 day'
    group by source
    order by source`);
  const ms = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
  return rows.map((r) => ({
    source: r.source,
    checks: Number(r.checks),
    errors: Number(r.errors),
    p50Ms: ms(r.p50),
    p95Ms: ms(r.p95),
  }));
}
