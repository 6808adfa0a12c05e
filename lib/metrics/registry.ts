import { sql } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { FLAG_STATES, SCAN_STATES } from '@/db/schema/enums';
import { STAGES } from '@/core/domains';
import type { DbOrTx } from '@/db/connect';
import { getSourceHealth } from '@/lib/overview/activity';

// What Prometheus scrapes at /metrics. The product's state (scans, domains, flags, the outbox, the
// providers' last day) is read from PostgreSQL at scrape time, so it is the whole deployment's, however
// many workers run; counters that only this process sees (eligibility lookups) and the process's own
// figures are labelled as such by Prometheus's `instance`.

export interface Metrics {
  registry: Registry;
  eligibilityLookups: Counter<'reason'>;
  /** Reads the database into the gauges; call before `registry.metrics()`. */
  refresh(db: DbOrTx): Promise<void>;
}

const countsBy = async (db: DbOrTx, table: string, column: string) =>
  (
    await db.execute<{ k: string; n: number }>(
      sql.raw(`select ${column}::text as k, count(*)::int as n from ${table} group by 1`),
    )
  ).reduce<Record<string, number>>((out, r) => Object.assign(out, { [r.k]: Number(r.n) }), {});

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gk_process_' });
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const scans = gauge('gk_scans', 'Scans by state.', ['state']);
  const domains = gauge(
    'gk_domains',
    'Watched custom domains by lifecycle stage (unchecked ones: stage="unchecked").',
    ['stage'],
  );
  const flags = gauge('gk_flags', 'Flags by state.', ['state']);
  const outbox = gauge('gk_outbox_mail', 'Mail in the outbox by state (queued = the outbox depth).', ['state']);
  const checks = gauge('gk_provider_checks_24h', 'Source checks over the last 24 hours, by source.', ['source']);
  const errors = gauge('gk_provider_errors_24h', 'Failed source checks over the last 24 hours, by source.', ['source']);
  const latency = gauge('gk_provider_latency_ms_24h', 'Source check latency over the last 24 hours (ms).', [
    'source',
    'quantile',
  ]);
  const eligibilityLookups = new Counter({
    name: 'gk_eligibility_lookups_total',
    help: 'Recovery-eligibility lookups answered by this process, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });

  async function refresh(db: DbOrTx) {
    const [scanCounts, domainCounts, flagCounts, mailCounts, health] = await Promise.all([
      countsBy(db, 'scans', 'state'),
      countsBy(db, 'domains', "coalesce(stage::text, 'unchecked')"),
      countsBy(db, 'flags', 'state'),
      countsBy(db, "notifications where channel = 'email'", 'state'),
      getSourceHealth(db),
    ]);
    // Every known label is set (0 when absent), so a state that empties shows as 0, not as a gap.
    for (const state of SCAN_STATES) scans.set({ state }, scanCounts[state] ?? 0);
    for (const stage of [...STAGES, 'unchecked']) domains.set({ stage }, domainCounts[stage] ?? 0);
    for (const state of FLAG_STATES) flags.set({ state }, flagCounts[state] ?? 0);
    for (const state of ['queued', 'sent', 'failed']) outbox.set({ state }, mailCounts[state] ?? 0);
    checks.reset();
    errors.reset();
    latency.reset();
    for (const h of health) {
      checks.set({ source: h.source }, h.checks);
      errors.set({ source: h.source }, h.errors);
      if (h.p50Ms !== null) latency.set({ source: h.source, quantile: '0.5' }, h.p50Ms);
      if (h.p95Ms !== null) latency.set({ source: h.source, quantile: '0.95' }, h.p95Ms);
    }
  }

  return { registry, eligibilityLookups, refresh };
}

let shared: Metrics | null = null;
/** This process's metrics (one registry per process). */
export function processMetrics(): Metrics {
  shared ??= createMetrics();
  return shared;
}
