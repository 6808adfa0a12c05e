import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { apiTokens } from '@/db/schema';
import { newApiToken } from '@/lib/api-tokens/secret';
import { benchDatabase } from './bench/database';
import { describeMachine } from './bench/machine';
import { planRegistry, seedRegistry } from './bench/synthetic-registry';
import { needsBuild, runBuild } from './start/next-build';
import { startNext, waitForHttp } from './start/next-server';

// `npm run bench:eligibility`: GET /api/v1/recovery-eligibility on the production build (`next
// start`) with 1,000,000 addresses in PostgreSQL, loaded with autocannon, and in the same run a
// static route of the same server (/icon.svg, which passes through the same proxy), for the ratio.
// Each eligibility request asks about a different address, drawn from the database. Ends with one
// line of JSON.

const { values } = parseArgs({
  options: {
    addresses: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: '3311' },
  },
});
const addresses = Number(values.addresses);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);
if (![addresses, seconds, connections, port].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write(
    'bench:eligibility: --addresses, --seconds, --connections and --port must be positive integers\n',
  );
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);
const root = process.cwd();

const { url, db, close, stop } = await benchDatabase('bench-eligibility');
log(`machine: ${describeMachine()}`);
let t = performance.now();
await seedRegistry(db, addresses, planRegistry(addresses, 1, new Date()));
// Custom domains checked: most active, some lapsing, so the answers vary as in a real registry.
await db.execute(sql`update domains set last_checked_at = now(), stage_since = now(),
  stage = (case when id % 50 = 0 then 'grace' when id % 97 = 0 then 're_registered' else 'active' end)::domain_stage`);
await db.execute(sql`analyze`);
const sample = (
  await db.execute<{ address: string }>(sql`select address from emails tablesample bernoulli (2) limit 20000`)
).map((r) => r.address);
const secret = newApiToken();
await db
  .insert(apiTokens)
  .values({ name: 'bench', scopes: ['eligibility'], tokenHash: secret.hash, prefix: secret.prefix });
log(`seeded ${addresses.toLocaleString('en')} addresses (${((performance.now() - t) / 1000).toFixed(1)} s)`);

if (await needsBuild(root)) {
  log('building the production app (next build)…');
  await runBuild(root, { ...process.env, NODE_ENV: 'production' });
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: url.toString(),
  AUTH_SECRET: 'bench-eligibility-secret-0123456789abcdef',
  AUTH_TRUST_HOST: 'true',
  APP_URL: `http://localhost:${port}`,
  // The bench measures the lookup, not the per-token limit.
  GK_API_RATE_PER_SECOND: '1000000',
};
const next = startNext(root, port, env);
const base = `http://127.0.0.1:${port}`;
try {
  await waitForHttp(`${base}/icon.svg`, 120_000, next.child);
  let i = 0;
  const eligibility = (duration: number) =>
    autocannon({
      url: base,
      connections,
      duration,
      headers: { authorization: `Bearer ${secret.token}` },
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/recovery-eligibility?address=${encodeURIComponent(sample[i++ % sample.length]!)}`,
          }),
        },
      ],
    });
  const staticRoute = (duration: number) => autocannon({ url: `${base}/icon.svg`, connections, duration });
  // Warm both (JIT, connection pools), then measure each in turn on the same server.
  await eligibility(5);
  await staticRoute(5);
  t = performance.now();
  const e = await eligibility(seconds);
  const s = await staticRoute(seconds);
  const errors = e.non2xx + e.errors + s.non2xx + s.errors;
  log(
    `eligibility: ${Math.round(e.requests.average)} requests/s, p50 ${e.latency.p50} ms, p99 ${e.latency.p99} ms (${e.requests.total} requests, ${e.non2xx} not 2xx, ${e.errors} errors)`,
  );
  log(
    `static /icon.svg: ${Math.round(s.requests.average)} requests/s, p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms (${s.requests.total} requests)`,
  );
  log(`ratio to static: ${(e.requests.average / s.requests.average).toFixed(3)}; failures: ${errors}`);
  log(
    JSON.stringify({
      addresses,
      connections,
      seconds,
      eligibility_rps: Math.round(e.requests.average),
      static_rps: Math.round(s.requests.average),
      ratio_to_static: Number((e.requests.average / s.requests.average).toFixed(3)),
      eligibility_p50_ms: e.latency.p50,
      eligibility_p99_ms: e.latency.p99,
      static_p99_ms: s.latency.p99,
      failures: errors,
    }),
  );
} finally {
  await next.stop();
  await close();
  await stop();
}
