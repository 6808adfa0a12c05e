import { parseArgs } from 'node:util';
import { createDb } from '@/db/connect';
import { runScanChunk } from '@/lib/scans/run';
import { benchChecker } from './bench-checker';

// One bench worker process: what `npm run worker` does with a scan slice (runScanChunk through the
// real checker, leases and the shared provider budget), looped until the scan is done. bench:scan
// --workers N starts N of these against one database and one protocol-server process.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    scan: { type: 'string' },
    port: { type: 'string' },
    registrar: { type: 'string' },
    ceiling: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const port = String(values.port);
const ceiling = Number(values.ceiling);
const concurrency = Number(values.concurrency);
const { db, close } = createDb(String(values.db), { max: 6, appName: 'bench-scan-worker' });
// Told a ceiling (2× the provider's real limit in the bench), never the limit: 429s and Retry-After teach it.
const { checker, budget } = benchChecker({
  db,
  serverUrl: `http://127.0.0.1:${port}`,
  registrarUrl: String(values.registrar),
  ceiling,
  concurrency,
});
const scanId = Number(values.scan);
for (;;) {
  const outcome = await runScanChunk(scanId, { db, checker, budgetMs: 60_000, concurrency });
  if (outcome === 'done' || outcome === 'cancelled' || outcome === 'failed') break;
  if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 200));
}
await close();
process.stdout.write(`${JSON.stringify({ leases: budget.leases })}\n`);
