import { parseArgs } from 'node:util';
import { createDb } from '@/db/connect';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { createDomainChecker } from '@/lib/domains/check';
import { runScanChunk } from '@/lib/scans/run';

// One bench worker process: what `npm run worker` does with a scan slice (runScanChunk through the
// real checker, leases and the shared provider budget), looped until the scan is done. bench:scan
// --workers N starts N of these against one database and one protocol-server process.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    scan: { type: 'string' },
    port: { type: 'string' },
    ceiling: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const port = String(values.port);
const ceiling = Number(values.ceiling);
const concurrency = Number(values.concurrency);
const { db, close } = createDb(String(values.db), { max: 6, appName: 'bench-scan-worker' });
const budget = new ProviderBudget(db);
// Told a ceiling (2× the provider's real limit in the bench), never the limit: 429s and Retry-After teach it.
const checker = createDomainChecker({
  rdap: { bootstrapUrl: `http://127.0.0.1:${port}/rdap/bootstrap/dns.json` },
  status: { provider: 'domainr', baseUrl: `http://localhost:${port}`, clientId: 'bench' },
  dns: null,
  http: {
    timeoutMs: 10_000,
    allow: [`127.0.0.1:${port}`, `localhost:${port}`],
    budget,
    hosts: {
      [`127.0.0.1:${port}`]: { requestsPerSecond: ceiling, concurrency },
      [`localhost:${port}`]: { requestsPerSecond: ceiling, concurrency },
    },
  },
});
const scanId = Number(values.scan);
for (;;) {
  const outcome = await runScanChunk(scanId, { db, checker, budgetMs: 60_000, concurrency });
  if (outcome === 'done' || outcome === 'cancelled' || outcome === 'failed') break;
  if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 200));
}
await close();
process.stdout.write(`${JSON.stringify({ leases: budget.leases })}\n`);
