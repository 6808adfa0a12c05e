import { benchDatabase } from './bench/database';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { scans } from '@/db/schema';
import { requestScan } from '@/lib/scans/request';
import { runScanChunk } from '@/lib/scans/run';
import { benchChecker } from './bench/bench-checker';
import { describeMachine, peakRssMb } from './bench/machine';
import { startProtocolProcess } from './bench/protocol-process';
import { maxLimitedRate, protocolAdmin, runWithWorkers } from './bench/scan-workers';
import { planRegistry, seedRegistry } from './bench/synthetic-registry';

// `npm run bench:scan -- --emails 200000`: a synthetic registry scanned end to end against the
// local protocol server with latency and a rate limit (RDAP and the status API, R requests/s each),
// through the real scan code path and a real PostgreSQL. The floor for any scanner that checks
// each custom domain once is domains ÷ R seconds; we report how close we get, and what checking
// every address row (PyPI's way) would have cost in provider calls.

const { values } = parseArgs({
  options: {
    emails: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '250' },
    latency: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '48' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '0' },
  },
});
// 0: the scan runs in this process. N ≥ 1: N worker processes share it (scripts/bench/scan-workers.ts).
const workers = Number(values.workers);
const emails = Number(values.emails);
const rate = Number(values.rate);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
if (![emails, rate, latencyMs, concurrency].every((n) => Number.isFinite(n) && n > 0)) {
  process.stderr.write('bench:scan: --emails, --rate, --latency and --concurrency must be positive numbers\n');
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);

const now = new Date();
const { dataDir, url, db, close, stop: stopDatabase } = await benchDatabase('bench-scan');

log(`machine: ${describeMachine()}`);
let t = performance.now();
const plan = planRegistry(emails, Number(values.seed), now);
const registry = await seedRegistry(db, emails, plan);
log(
  `seeded ${emails.toLocaleString('en')} addresses: ${registry.customAddresses.toLocaleString('en')} on ${plan.domains.length.toLocaleString('en')} custom domains, the rest at big providers (${((performance.now() - t) / 1000).toFixed(1)} s)`,
);

const server = await startProtocolProcess(
  dataDir,
  plan.domains.map((d) => d.record),
  {
    rules: [
      { match: { path: '/rdap/' }, rateLimit: { perSecond: rate, retryAfterSeconds: 1 } },
      { match: { path: '/v2/status' }, rateLimit: { perSecond: rate, retryAfterSeconds: 1 } },
      { latencyMs, jitterMs: latencyMs / 2 },
    ],
  },
);
if (Number.isInteger(workers) && workers > 0) {
  const domainCount = plan.domains.length;
  const admin = protocolAdmin(server.url, latencyMs);
  const run = (n: number, limit: number) =>
    runWithWorkers(db, url.toString(), admin, {
      workers: n,
      rateLimit: limit,
      concurrency,
      registrarUrl: server.registrarUrl,
      log,
    });
  const main = await run(workers, rate);
  // The same scan at a limit three times higher, by one worker and by N: what more workers buy.
  const one = await run(1, rate * 3);
  const many = await run(workers, rate * 3);
  const boundSeconds = domainCount / rate;
  const result = {
    emails,
    domains: domainCount,
    workers,
    rate_limit: rate,
    max_rate_seen: main.maxRateSeen,
    requests: main.requests,
    responses_429: main.responses429,
    seconds: Number(main.seconds.toFixed(1)),
    bound_seconds: Number(boundSeconds.toFixed(1)),
    ratio_to_bound: Number((main.seconds / boundSeconds).toFixed(3)),
    speedup_vs_one_worker: Number((one.seconds / many.seconds).toFixed(2)),
    speedup_at_3x_limit: Number((main.seconds / many.seconds).toFixed(2)),
  };
  await server.stop();
  await close();
  await stopDatabase();
  log(JSON.stringify(result));
  process.exit(0);
}
const { checker } = benchChecker({
  db,
  serverUrl: server.url,
  registrarUrl: server.registrarUrl,
  ceiling: rate * 2,
  concurrency,
});

const domainCount = plan.domains.length;
// The scanner holds no per-domain state between batches; drop the harness's copy of the dataset
// so the figure below is the scanner's.
plan.domains.length = 0;
registry.domains.length = 0;
const { scanId } = await db.transaction((tx) =>
  requestScan({
    ctx: { tx, actor: { type: 'cli', operator: 'bench' }, now: new Date() },
    input: { kind: 'full', trigger: 'cli' },
  }),
);
const timings = { claimMs: 0, checkMs: 0, applyMs: 0 };
// RSS sampled while the scan runs: the harness's own copy of the dataset (built before) is not the
// scanner's, and the kernel's max RSS would include it.
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let scanPeakRss = rssBefore;
const sampler = setInterval(() => {
  scanPeakRss = Math.max(scanPeakRss, process.memoryUsage().rss);
}, 100);
t = performance.now();
let outcome = 'more';
while (outcome !== 'done') {
  outcome = await runScanChunk(scanId, { db, checker, budgetMs: 60_000, concurrency, timings });
  if (outcome === 'failed' || outcome === 'cancelled') throw new Error(`scan ${outcome}`);
}
const seconds = (performance.now() - t) / 1000;
clearInterval(sampler);
const [scan] = await db.select().from(scans).where(eq(scans.id, scanId));
const stats = (await (await fetch(`${server.url}/_admin/stats`)).json()) as {
  requests: number;
  byHost: Record<string, number>;
  responses429: number;
  maxPerSecondByHost: Record<string, number>;
  maxPerSecondByPrefix: Record<string, number>;
};
// Everything the scanner asked the providers, bootstrap fetches included.
const providerCalls = stats.requests;
const [dbSize] = await db.execute<{ size: string }>(
  sql`select pg_size_pretty(pg_database_size(current_database())) as size`,
);
const boundSeconds = domainCount / rate;
const result = {
  emails,
  domains: domainCount,
  provider_calls: providerCalls,
  per_row_calls: emails,
  seconds: Number(seconds.toFixed(1)),
  bound_seconds: Number(boundSeconds.toFixed(1)),
  ratio_to_bound: Number((seconds / boundSeconds).toFixed(3)),
  rate_limit: rate,
  max_rate_seen: maxLimitedRate(stats),
  requests: stats.requests,
  responses_429: stats.responses429,
  peak_rss_mb: Math.round(scanPeakRss / 2 ** 20),
  process_max_rss_mb: peakRssMb(),
};

log(
  `scan #${scanId}: ${scan?.state}, ${scan?.checked}/${scan?.total} domains, counters ${JSON.stringify(scan?.counters)}`,
);
log(
  `time: ${seconds.toFixed(1)} s for ${domainCount.toLocaleString('en')} domains; rate-limit bound ${boundSeconds.toFixed(1)} s (${rate}/s per provider) → ratio ${result.ratio_to_bound}`,
);
log(`throughput: ${(emails / seconds).toFixed(0)} addresses/s, ${(domainCount / seconds).toFixed(0)} domains/s`);
log(
  `provider calls: ${providerCalls.toLocaleString('en')} (RDAP + status, incl. retries after 429); per-address-row checking (PyPI) would make ${emails.toLocaleString('en')}`,
);
log(
  `where the time went (summed over overlapping batches): claim ${(timings.claimMs / 1000).toFixed(1)} s, provider checks ${(timings.checkMs / 1000).toFixed(1)} s, database apply ${(timings.applyMs / 1000).toFixed(1)} s`,
);
log(
  `provider requests by host: ${JSON.stringify(stats.byHost)}; scanner RSS ${Math.round(rssBefore / 2 ** 20)} MiB before the scan, peaked at ${result.peak_rss_mb} MiB during it (process max, dataset generation included: ${result.process_max_rss_mb} MiB); database ${dbSize?.size}`,
);
await server.stop();
await close();
await stopDatabase();
log(JSON.stringify(result));
