import type { Db } from '@/db/connect';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { createDomainChecker } from '@/lib/domains/check';

/**
 * The checker every benchmark scans with, against the protocol-server process: RDAP registries on
 * 127.0.0.1, the status API on localhost (two providers), registrars on their own port (other
 * hosts, as in real life). The scanner is told `ceiling` (twice the server's real limit), never the
 * limit itself: it settles under it from the 429s and Retry-After it gets, through the shared budget.
 */
export function benchChecker(opts: {
  db: Db;
  serverUrl: string;
  registrarUrl: string;
  ceiling: number;
  concurrency: number;
  budget?: ProviderBudget;
}) {
  const port = new URL(opts.serverUrl).port;
  const registrarHost = new URL(opts.registrarUrl).host;
  const limits = { requestsPerSecond: opts.ceiling, concurrency: opts.concurrency };
  const budget = opts.budget ?? new ProviderBudget(opts.db);
  const checker = createDomainChecker({
    rdap: { bootstrapUrl: `http://127.0.0.1:${port}/rdap/bootstrap/dns.json` },
    status: { provider: 'domainr', baseUrl: `http://localhost:${port}`, clientId: 'bench' },
    dns: null,
    http: {
      timeoutMs: 10_000,
      allow: [`127.0.0.1:${port}`, `localhost:${port}`, registrarHost],
      budget,
      hosts: { [`127.0.0.1:${port}`]: limits, [`localhost:${port}`]: limits, [registrarHost]: limits },
    },
  });
  return { checker, budget };
}
