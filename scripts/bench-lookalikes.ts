import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { scans } from '@/db/schema';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import type { DomainRecord } from '@/dev/peers/protocol-server/records';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { createDomainChecker, type DomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { DEFAULT_HOST_LIMITS } from '@/lib/domains/host-limiter';
import { envSchema } from '@/lib/env';
import { scheduleDueDomains } from '@/lib/jobs/tick';
import { DEFAULT_LOOKALIKE_TLDS, generateLookalikes, LOOKALIKE_FAMILIES } from '@/lib/lookalikes/generate';
import { watchName } from '@/lib/lookalikes/watch';
import { runScanChunk } from '@/lib/scans/run';
import { benchDatabase } from './bench/database';
import { describeMachine } from './bench/machine';
import { startProtocolProcess } from './bench/protocol-process';

// `npm run bench:lookalikes [-- --name pypi.org --registered 12 --days 42]`: the look-alike watch of
// one name against the local protocol server in its own process (40 ± 20 ms a response, DNS on UDP).
// 1. The first scan, at the product's default per-host limits (lib/domains/host-limiter.ts: 4 at once,
//    5 requests/s per provider host) and scan concurrency (GK_SCAN_CONCURRENCY 16), through the
//    shared provider budget: the time from the scan row's started_at to its finished_at.
// 2. The schedule: `--days` simulated days of the scheduler's scans on a moving clock (unpaced: only
//    the counts matter), requests per day by source, while registered, and once registrations settle.

const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'pypi.org' },
    registered: { type: 'string', default: '12' },
    days: { type: 'string', default: '42' },
  },
});
const registeredCount = Number(values.registered);
const days = Number(values.days);
const log = (line: string) => process.stdout.write(`${line}\n`);

const generated = generateLookalikes({ name: values.name, tlds: DEFAULT_LOOKALIKE_TLDS });
if (!generated.ok) {
  process.stderr.write(`bench:lookalikes: ${generated.error.message}\n`);
  process.exit(2);
}
const { candidates } = generated;
const perFamily = Object.fromEntries(
  LOOKALIKE_FAMILIES.map((f) => [f, candidates.filter((c) => c.families.includes(f)).length]),
);
log(`machine: ${describeMachine()}`);
log(`${values.name}: ${candidates.length} candidates; per family ${JSON.stringify(perFamily)}`);

// A few candidates registered, pypj.org first (with MX and a page), spread over the list for the rest.
const held = new Set(['pypj.org']);
for (let i = 0; held.size < Math.min(registeredCount, candidates.length); i += 7)
  held.add(candidates[i % candidates.length]!.domain);
const now0 = new Date();
const records: DomainRecord[] = [...held].map((name) => recordFor('active', name, now0));
const { dataDir, db, close, stop: stopDatabase } = await benchDatabase('bench-lookalikes');
const server = await startProtocolProcess(
  dataDir,
  records,
  { rules: [{ latencyMs: 40, jitterMs: 20 }] },
  { dns: true },
);
const env = envSchema.parse({ ...server.env, GK_OUTBOUND_ALLOW: server.env.GK_OUTBOUND_ALLOW });

function checker(paced: boolean): DomainChecker {
  const config = sourcesConfigFromEnv(env, paced ? { http: { budget: new ProviderBudget(db) } } : {});
  // The peer is on loopback, which sourcesConfigFromEnv leaves unpaced; the first scan is measured
  // at the limits any real provider host gets by default.
  if (paced) config.http = { ...config.http, hosts: {}, hostDefaults: DEFAULT_HOST_LIMITS };
  return createDomainChecker(config);
}

async function runToEnd(scanId: number, c: DomainChecker, now: () => Date) {
  for (let i = 0; i < 1000; i += 1) {
    const outcome = await runScanChunk(scanId, { db, checker: c, budgetMs: 20_000, concurrency: 16, now });
    if (outcome === 'done' || outcome === 'failed' || outcome === 'cancelled') break;
  }
  const [row] = await db.select().from(scans).where(eq(scans.id, scanId));
  return row!;
}

// 1. The first scan, as the settings page starts it.
const first = checker(true);
const actor = { type: 'cli' as const, operator: 'bench' };
const watched = await db.transaction((tx) =>
  watchName({ ctx: { tx, actor, now: new Date() }, input: { name: values.name } }),
);
const scan = await runToEnd(watched.scanId, first, () => new Date());
const firstSeconds = (scan.finishedAt!.getTime() - scan.startedAt!.getTime()) / 1000;
const firstBySource = first.stats().requestsBySource;
const [states] = await db.execute<{ registered: number; unknown: number }>(sql`
  select count(*) filter (where c.registered)::int as registered, count(*) filter (where d.stage = 'unknown')::int as unknown
  from lookalike_candidates c join domains d on d.id = c.domain_id`);
log(
  `first scan: ${scan.checked} candidates in ${firstSeconds.toFixed(1)} s (${JSON.stringify(firstBySource)}); ${states!.registered} registered, ${states!.unknown} unknown`,
);

// 2. The schedule on a simulated clock, one scheduler pass a day (a day's due checks in one scan).
const sim = checker(false);
const perDay: { day: number; checks: number; http: number; dns: number; status: number }[] = [];
let last = sim.stats();
for (let day = 1; day <= days; day += 1) {
  const at = new Date(now0.getTime() + day * 86_400_000 + 60_000);
  const scanId = await scheduleDueDomains(db, at);
  if (scanId) await runToEnd(scanId, sim, () => at);
  const s = sim.stats();
  const d = (k: keyof typeof s.requestsBySource) => s.requestsBySource[k] - last.requestsBySource[k];
  perDay.push({
    day,
    checks: s.checks - last.checks,
    http: d('rdapRegistry') + d('rdapRegistrar') + d('statusApi'),
    dns: d('dns'),
    status: d('statusApi'),
  });
  last = s;
}
const mean = (rows: typeof perDay, k: 'checks' | 'http' | 'dns' | 'status') =>
  rows.reduce((n, r) => n + r[k], 0) / Math.max(rows.length, 1);
// Days 2-29: registrations seen at the first scan are "new" (daily); from day 31 they are settled (weekly).
const fresh = perDay.filter((r) => r.day >= 2 && r.day <= 29);
const settled = perDay.filter((r) => r.day >= 31);
const figures = (rows: typeof perDay) => ({
  checks: Number(mean(rows, 'checks').toFixed(1)),
  provider_requests: Number(mean(rows, 'http').toFixed(1)),
  status_api: Number(mean(rows, 'status').toFixed(2)),
  dns_queries: Number(mean(rows, 'dns').toFixed(1)),
});
log(`per day while registrations are new (days 2-29): ${JSON.stringify(figures(fresh))}`);
log(`per day once settled (days 31-${days}): ${JSON.stringify(figures(settled))}`);

await server.stop();
await close();
await stopDatabase();
log(
  JSON.stringify({
    name: values.name,
    candidates: candidates.length,
    per_family: perFamily,
    registered: states!.registered,
    unknown_at_local_peer: states!.unknown,
    first_scan_seconds: Number(firstSeconds.toFixed(1)),
    first_scan_requests: firstBySource,
    calls_per_day_new: figures(fresh),
    calls_per_day_settled: figures(settled),
  }),
);
process.exit(0);
