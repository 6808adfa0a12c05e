import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { HttpClient } from '@/lib/domains/http';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { record } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// Three workers are three processes with their own HttpClient; here three clients, each with its own
// ProviderBudget (its own local slots), share one database, as three `npm run worker` would.

const t = setupTestDatabase();
const LIMIT = 10;
const NAMES = Array.from({ length: 30 }, (_, i) => `budget${i}.com`);
let server: ProtocolServer;

beforeAll(async () => {
  server = await startProtocolServer({ domains: NAMES.map((n) => record('active', n)), dns: false });
});
afterAll(async () => server?.close());

function worker() {
  const budget = new ProviderBudget(t.db);
  const http = new HttpClient({
    allow: [new URL(server.url).host],
    // Each worker is configured at the provider's limit; alone, each would send it in full.
    hosts: { [new URL(server.url).host]: { requestsPerSecond: LIMIT, concurrency: 8 } },
    retries: 3,
    backoffBaseMs: 20,
    backoffMaxMs: 100,
    budget,
  });
  return { http, budget };
}

const rdapUrl = (name: string) => `${server.url}/rdap/verisign/domain/${name}`;

describe('one provider budget for every worker', () => {
  it('three workers together never send more than the limit in any one second', async () => {
    server.stats.reset();
    const workers = [worker(), worker(), worker()];
    // 3 × 15 requests at 10/s: ≥ 4 s of sending, so several full seconds are measured.
    const results = await Promise.all(
      workers.flatMap((w, wi) =>
        Array.from({ length: 15 }, (_, i) => w.http.get(rdapUrl(NAMES[(wi * 15 + i) % NAMES.length]!))),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.stats.count({ path: '/rdap/' })).toBe(45);
    expect(server.stats.maxPerSecond({ path: '/rdap/' })).toBeLessThanOrEqual(LIMIT);
    // Each worker got a share: the budget interleaves them rather than serving one to the end.
    for (const w of workers) expect(w.budget.leases).toBeGreaterThan(0);
  });

  it("a provider's 429 with Retry-After holds the host for the other workers too", async () => {
    server.stats.reset();
    const [a, b] = [worker(), worker()];
    server.setFaults({
      rules: [{ match: { path: '/rdap/' }, action: 'status', status: 429, retryAfter: '2', times: 1 }],
    });
    try {
      const first = await a.http.get(rdapUrl('budget1.com'));
      expect(first.ok).toBe(true); // retried after the pause
      const throttledAt = server.stats.log({ path: '/rdap/' }).find((e) => e.status === 429)!.atMs;
      const other = await b.http.get(rdapUrl('budget2.com'));
      expect(other.ok).toBe(true);
      // Worker b never saw the 429, yet its request reached the server only after the Retry-After.
      const bArrival = server.stats.log({ domain: 'budget2.com' })[0]!.atMs;
      expect(bArrival - throttledAt).toBeGreaterThanOrEqual(1900);
    } finally {
      server.setFaults({ rules: [] });
    }
  });
});
