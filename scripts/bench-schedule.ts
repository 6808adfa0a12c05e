/**
 * `npm run bench:schedule` — how fast each recheck policy notices domain lifecycle changes, and what
 * it costs in provider calls. No database, no network, no waiting: a seeded simulation over a
 * simulated clock. Flags: --domains N (20000), --seed S (1), --days D (365), --fail-rate F (0.01).
 *
 * Model (all numbers in scripts/bench-schedule/model.ts, printed with every run):
 * - A registry of N custom domains whose address counts follow a Zipf law (most 1, some 2–5, a few
 *   dozens to hundreds); big providers' rows make ~85% of all rows. Ours checks custom domains
 *   only (big providers are trusted); PyPI checks every row.
 * - Each domain: a registration expiring within the coming year (20%: 1–5 years out), yearly
 *   renewals (early / inside the 30-day warning window / in grace), a share that lapses through grace →
 *   redemption → pending delete → available, some of those re-registered by a stranger (some
 *   drop-caught within the hour), and owners deleting a domain mid-term without warning.
 * - Events are stage changes as lib/domains/classify.ts would report them; "expiring" starts when the
 *   warning window opens; re_registered is sticky (lib/scans/apply.ts).
 * - Policies: ours = lib/policy/recheck.ts with DEFAULT_POLICY_SETTINGS, first checks spread over a
 *   30-day import (reported apart; the measured year starts after it), plus the daily DNS probe of
 *   domains last seen active/expiring (lib/probe/) that brings a check forward when DNS moved;
 *   daily = a full check every 24 h; PyPI = warehouse's daily 04:00 batch of ≤ 1,000 rows (null or
 *   oldest first) unchecked for > 30 days, a failed row retried ~7 days later, unverify on
 *   undelegated / inactive / expiring / deleting / unknown (warehouse accounts/tasks.py, utils.py).
 * - Requests are counted per source (RDAP registry, RDAP registrar, status API, DNS), not per check.
 * - A share of checks fail (sources down) in every policy; ours then backs off as recheck.ts says.
 * - Delay = first successful check at or after the event − event. Checks run 30 days past the year so
 *   late events get detected; anything undetected still counts, with delay = end − event (lower bound).
 * - PyPI detects an event when its status words change from those of the stage before it.
 * Output: tables, then exactly one line of JSON (last line).
 */
import { parseArgs } from 'node:util';
import { buildLifecycle, eventsOf, type Segment } from './bench-schedule/lifecycle';
import { machineLine } from './bench-schedule/machine';
import { assumptionLines, clockFor, MODEL, type RunConfig } from './bench-schedule/model';
import { type CallsByStage, simulateDaily, simulateOurs } from './bench-schedule/policies';
import { simulatePypi, wordsKey } from './bench-schedule/pypi';
import { buildRegistry, describeRegistry } from './bench-schedule/registry';
import {
  causeTable,
  EVENT_KINDS,
  kindTable,
  overLine,
  policyTable,
  requestTable,
  stageCallsLine,
  unverifyLine,
} from './bench-schedule/report';
import { streamRng } from './bench-schedule/rng';
import { drawDomainSources, totalRequests } from './bench-schedule/sources';
import { PolicyStats, recordDetections, recordPypiDetections } from './bench-schedule/stats';

function readConfig(): RunConfig {
  const { values } = parseArgs({
    options: {
      domains: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      days: { type: 'string', default: '365' },
      'fail-rate': { type: 'string', default: '0.01' },
    },
  });
  const int = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${text}`);
    return n;
  };
  const failRate = Number(values['fail-rate']);
  if (!(failRate >= 0 && failRate < 1)) throw new Error(`--fail-rate must be in [0, 1), got ${values['fail-rate']}`);
  return {
    domains: int('domains', values.domains, 1),
    seed: int('seed', values.seed, 0),
    days: int('days', values.days, 1),
    failRate,
  };
}

const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

function main(): void {
  const started = performance.now();
  const config = readConfig();
  const clock = clockFor(config);
  const registry = buildRegistry(config.domains, config.seed);
  const ours = new PolicyStats();
  const daily = new PolicyStats();
  const pypi = new PolicyStats();
  const byStage: CallsByStage = {};
  const lifecycles: Segment[][] = [];
  for (let d = 0; d < config.domains; d += 1)
    lifecycles.push(buildLifecycle(streamRng(config.seed, 'lifecycle', d), clock));
  const pypiRun = simulatePypi(registry, lifecycles, clock, config);
  pypi.calls = pypiRun.calls;
  pypi.requests.statusApi = pypiRun.calls;
  pypi.unverified = pypiRun.unverified;
  pypi.falseUnverified = pypiRun.falseUnverified;
  let probeChecks = 0;

  for (let d = 0; d < config.domains; d += 1) {
    const segments = lifecycles[d] ?? [];
    const events = eventsOf(segments);
    const rows = registry.addressesPerDomain[d] ?? 1;
    const src = drawDomainSources(streamRng(config.seed, 'sources', d));
    const o = simulateOurs(d, segments, clock, config, src, ours.requests, byStage);
    ours.calls += o.calls;
    probeChecks += o.probeChecks;
    recordDetections(events, o.checks, clock, ours, rows);
    const y = simulateDaily(d, segments, clock, config, src, daily.requests);
    daily.calls += y.calls;
    recordDetections(events, y.checks, clock, daily, rows);
    const pypiRows = (pypiRun.rowsOf[d] ?? []).map((row) => pypiRun.firedAt[row] ?? []);
    recordPypiDetections(events, pypiRun.perDomain[d] ?? [], clock, pypi, pypiRows, wordsKey);
  }

  const policies = [
    { name: 'ours', stats: ours },
    { name: 'daily', stats: daily },
    { name: 'pypi', stats: pypi },
  ];
  const s = ours.all.summary();
  const ramp = ours.importRamp.summary();
  const perDay = (calls: number) => calls / config.days;
  const out = (line = '') => process.stdout.write(`${line}\n`);

  out(
    `bench:schedule — detection delay of domain stage changes and provider calls, ${config.days} simulated days, seed ${config.seed}`,
  );
  out(machineLine());
  out();
  out('assumptions:');
  for (const line of assumptionLines(config)) out(`  - ${line}`);
  out(`  - ${describeRegistry(registry)}`);
  out(
    `  - rows: ${registry.customRows} on custom domains + ${registry.bigProviderRows} at big providers = ${registry.emails} (PyPI needs ${(registry.emails / MODEL.pypi.capPerDay).toFixed(0)} days per pass at ${MODEL.pypi.capPerDay}/day)`,
  );
  out();
  out(policyTable(policies, config.days));
  out(
    'lapsed = events into redemption, pending delete, available, re_registered (the stages that unverify by default);',
  );
  out(
    'unverified before drop = share of drops with a successful check during redemption or pending delete, i.e. before a stranger could register.',
  );
  out();
  out(causeTable(policies));
  out();
  out(kindTable(policies));
  out();
  out(requestTable(policies, config.days));
  out(
    `ours: ${(probeChecks / config.days).toFixed(1)} checks/day brought forward by the DNS probe; RDAP registrar requests follow the registry's link (registered domains only)`,
  );
  out(unverifyLine(policies));
  out(
    `false unverifications (the domain's owner held it): PyPI ${pypi.falseUnverified} of ${pypi.unverified} row unverifications (${((pypi.falseUnverified / Math.max(pypi.unverified, 1)) * 100).toFixed(1)}%); ours 0 in this model (only RDAP showing redemption or later unverifies; a failed check or an "unknown" leaves the stage)`,
  );
  out();
  out(overLine('ours', ours, 24));
  out(stageCallsLine(byStage, config.days));
  out(
    `ours during the ${MODEL.importDays}-day import ramp (not in the figures above): ${ramp.events} events, p50 ${ramp.p50.toFixed(1)} h, p99 ${ramp.p99.toFixed(1)} h`,
  );
  const oursRequests = totalRequests(ours.requests);
  const dailyRequests = totalRequests(daily.requests);
  const httpOf = (r: typeof ours.requests) => r.rdapRegistry + r.rdapRegistrar + r.statusApi;
  const kindP99 = EVENT_KINDS.map(
    ([kind, cause]) => [kind, ours.byCause.get(cause)?.summary().p99 ?? Number.NaN] as const,
  );
  out(
    `targets: ours p99 ≤ 24 h per event kind: ${kindP99.map(([k, p99]) => `${k} ${p99.toFixed(1)} h ${p99 <= 24 ? 'met' : 'MISSED'}`).join(', ')}`,
  );
  out(
    `targets: ours requests ${(oursRequests / config.days).toFixed(0)}/day = ${((oursRequests / dailyRequests) * 100).toFixed(1)}% of a daily full check (${(dailyRequests / config.days).toFixed(0)}/day), target ≤ 10%: ${oursRequests <= 0.1 * dailyRequests ? 'met' : 'MISSED'}; without DNS ${((httpOf(ours.requests) / httpOf(daily.requests)) * 100).toFixed(1)}%`,
  );
  out(
    `targets: ours paid status-API calls ${(ours.requests.statusApi / config.days).toFixed(1)}/day, PyPI ${(pypi.calls / config.days).toFixed(1)}/day, target ≤ 25% of PyPI: ${ours.requests.statusApi <= 0.25 * pypi.calls ? 'met' : 'MISSED'}`,
  );
  out(`ran in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const d = daily.all.summary();
  const p = pypi.all.summary();
  const json = {
    domains: config.domains,
    emails: registry.emails,
    days: config.days,
    p50_detection_hours: round(s.p50, 2),
    p99_detection_hours: round(s.p99, 2),
    calls_per_day: round(perDay(ours.calls), 1),
    calls_ratio_vs_daily: round(ours.calls / daily.calls, 4),
    calls_ratio_vs_30d: round(ours.calls / pypi.calls, 4),
    pypi_p99_detection_hours: round(p.p99, 2),
    seed: config.seed,
    events: s.events,
    lapsed_p99_detection_hours: round(ours.lapsed.summary().p99, 2),
    unverified_before_drop_share: round(ours.dropsCaughtBefore / ours.drops, 4),
    over_24h_share: round(ours.all.hours.filter((x) => x > 24).length / Math.max(s.events, 1), 4),
    daily_p50_detection_hours: round(d.p50, 2),
    daily_p99_detection_hours: round(d.p99, 2),
    daily_calls_per_day: round(perDay(daily.calls), 1),
    pypi_p50_detection_hours: round(p.p50, 2),
    pypi_calls_per_day: round(perDay(pypi.calls), 1),
    pypi_undetected_share: round(p.undetectedShare, 4),
    pypi_unverified_before_drop_share: round(pypi.dropsCaughtBefore / pypi.drops, 4),
    fail_rate: config.failRate,
    paid_calls_per_day: round(perDay(ours.requests.statusApi), 1),
    pypi_paid_calls_per_day: round(perDay(pypi.calls), 1),
    requests_per_day: round(perDay(oursRequests), 1),
    requests_by_source_per_day: Object.fromEntries(
      Object.entries(ours.requests).map(([k, v]) => [k, round(perDay(v), 1)]),
    ),
    daily_requests_per_day: round(perDay(dailyRequests), 1),
    requests_ratio_vs_daily: round(oursRequests / dailyRequests, 4),
    false_unverify_share: round(ours.falseUnverified / Math.max(ours.unverified, 1), 4),
    pypi_false_unverify_share: round(pypi.falseUnverified / Math.max(pypi.unverified, 1), 4),
    addresses_unverified_before_drop_share: round(ours.addressesCaughtBefore / ours.addressDrops, 4),
    pypi_addresses_unverified_before_drop_share: round(pypi.addressesCaughtBefore / pypi.addressDrops, 4),
    detection_by_kind: Object.fromEntries(
      EVENT_KINDS.map(([kind, cause]) => [
        kind,
        Object.fromEntries(
          policies.map(({ name, stats }) => {
            const k = stats.byCause.get(cause)?.summary();
            return [
              name,
              {
                events: k?.events ?? 0,
                p50_hours: round(k?.p50 ?? Number.NaN, 2),
                p99_hours: round(k?.p99 ?? Number.NaN, 2),
              },
            ];
          }),
        ),
      ]),
    ),
  };
  out(JSON.stringify(json));
}

main();
