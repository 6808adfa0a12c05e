import { benchDatabase } from './bench/database';
import { parseArgs } from 'node:util';
import { eq, inArray, sql } from 'drizzle-orm';
import { scans } from '@/db/schema';
import { sendScanSlice, startBoss } from '@/lib/jobs/boss';
import { startWorker } from '@/lib/jobs/worker';
import { requestScan } from '@/lib/scans/request';
import { benchChecker } from './bench/bench-checker';
import { describeMachine } from './bench/machine';
import { startProtocolProcess } from './bench/protocol-process';
import { planRegistry, seedRegistry } from './bench/synthetic-registry';

// `npm run bench:rescan -- --emails 200000`: a full scan of a synthetic registry runs through a real
// pg-boss worker against the rate-limited local protocol server; meanwhile 50 staff "Rescan now"
// clicks (one domain each, spread over the scan) go through the on-demand lane. Reported: time from
// click to stored result (the rescan's finished_at), and how the full scan fared against its bound.

const { values } = parseArgs({
  options: {
    emails: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '250' },
    latency: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '48' },
    rescans: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
  },
});
const [emails, rate, latencyMs, concurrency, rescans] = [
  values.emails,
  values.rate,
  values.latency,
  values.concurrency,
  values.rescans,
].map(Number) as [number, number, number, number, number];
if (![emails, rate, latencyMs, concurrency, rescans].every((n) => Number.isFinite(n) && n > 0)) {
  process.stderr.write('bench:rescan: --emails, --rate, --latency, --concurrency and --rescans must be positive\n');
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);

const { dataDir, url, db, close, stop: stopDatabase } = await benchDatabase('bench-rescan');

log(`machine: ${describeMachine()}`);
const plan = planRegistry(emails, Number(values.seed), new Date());
await seedRegistry(db, emails, plan);
const names = plan.domains.map((d) => d.name);
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
log(`seeded ${emails.toLocaleString('en')} addresses on ${names.length.toLocaleString('en')} custom domains`);
// Not due: only the full scan and the rescans run (the worker's scheduler would start its own).
await db.execute(sql`update domains set next_check_at = now() + interval '30 days'`);

// Twice the server's limit, as in bench:scan: the budget learns the rest from 429s.
const { checker } = benchChecker({
  db,
  serverUrl: server.url,
  registrarUrl: server.registrarUrl,
  ceiling: rate * 2,
  concurrency,
});
const boss = await startBoss(url.toString(), 'worker');
const worker = await startWorker({
  db,
  boss,
  checker,
  tuning: { concurrency, sliceSeconds: 60, leaseSeconds: 120, stallSeconds: 600, tickSeconds: 3600 },
});
const request = (input: Parameters<typeof requestScan>[0]['input']) =>
  db.transaction((tx) =>
    requestScan({ ctx: { tx, actor: { type: 'cli', operator: 'bench' }, now: new Date() }, input }),
  );
const full = await request({ kind: 'full', trigger: 'cli' });
await sendScanSlice(boss, { scanId: full.scanId, slice: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scanRow = async (id: number) => (await db.select().from(scans).where(eq(scans.id, id)))[0];
while (!(await scanRow(full.scanId))?.startedAt) await sleep(100);

// Clicks spread over the first ~80 % of the scan's bound, on domains picked evenly across the walk.
const boundSeconds = names.length / rate;
const gapMs = Math.max(50, (boundSeconds * 800) / rescans);
const clicks: { scanId: number; at: number }[] = [];
for (let i = 0; i < rescans; i += 1) {
  const target = names[Math.floor(((i * 7919) % rescans) * (names.length / rescans))] ?? names[0]!;
  const at = Date.now();
  const { scanId } = await request({ kind: 'domain', target, trigger: 'dashboard' });
  await sendScanSlice(boss, { scanId, slice: 0, lane: 'now' });
  clicks.push({ scanId, at });
  await sleep(gapMs);
}
const ids = clicks.map((c) => c.scanId);
for (;;) {
  const rows = await db
    .select()
    .from(scans)
    .where(inArray(scans.id, [...ids, full.scanId]));
  if (rows.every((r) => r.state === 'done' || r.state === 'failed' || r.state === 'cancelled')) break;
  await sleep(250);
}
const rows = await db.select().from(scans).where(inArray(scans.id, ids));
const done = new Map(rows.map((r) => [r.id, r.finishedAt?.getTime() ?? Number.NaN]));
const waits = clicks.map((c) => (done.get(c.scanId) ?? Number.NaN) - c.at).sort((a, b) => a - b);
const pct = (p: number) => waits[Math.min(waits.length - 1, Math.ceil((p / 100) * waits.length) - 1)] ?? Number.NaN;
const fullRow = await scanRow(full.scanId);
const fullSeconds = ((fullRow?.finishedAt?.getTime() ?? 0) - (fullRow?.startedAt?.getTime() ?? 0)) / 1000;
const stats = (await (await fetch(`${server.url}/_admin/stats`)).json()) as { requests: number; responses429: number };

await worker.stop();
await boss.stop({ graceful: true, timeout: 15_000 });
await server.stop();
await close();
await stopDatabase();

log(
  `full scan of ${names.length.toLocaleString('en')} domains: ${fullSeconds.toFixed(1)} s against a bound of ${boundSeconds.toFixed(1)} s (${rate}/s per provider, told ${rate * 2}/s); ${stats.requests} requests, ${stats.responses429} answered 429`,
);
log(
  `${rescans} on-demand rescans, click to stored result: p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${waits.at(-1)?.toFixed(0)} ms`,
);
log(
  JSON.stringify({
    emails,
    domains: names.length,
    rescans,
    rescan_p50_ms: Math.round(pct(50)),
    rescan_p95_ms: Math.round(pct(95)),
    full_scan_ratio_to_bound: Number((fullSeconds / boundSeconds).toFixed(3)),
  }),
);
process.exit(0);
