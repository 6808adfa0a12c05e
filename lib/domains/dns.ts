import { Resolver } from 'node:dns/promises';
import pLimit from 'p-limit';
import type { DnsAnswer, SourceError, SourceOutcome } from '@/core/domains';

// NS and MX of the registrable domain. Only the resolver's definite answers are evidence:
// NXDOMAIN (the name is not delegated) and NOERROR-without-records. A SERVFAIL, refusal or
// timeout is the resolver's trouble and says nothing about the domain.

export interface DnsConfig {
  /** "host" or "host:port" ("[v6]:port"); empty = the system's resolvers. */
  servers: string[];
  timeoutMs?: number;
  tries?: number;
  /** Queries in flight at once, so a scan does not flood a shared resolver. */
  concurrency?: number;
}

export interface DnsClient {
  /** NS and MX; with `addresses`, A and AAAA too (two more queries). */
  lookup(domain: string, opts?: { addresses?: boolean }): Promise<SourceOutcome<DnsAnswer>>;
  /** Queries sent so far (NS and MX: two per lookup, four with addresses; the resolver's own retries are not seen). */
  queriesSent(): number;
}

type Query = { kind: 'records'; values: string[] } | { kind: 'nxdomain' } | { kind: 'error'; error: SourceError };

export function createDnsClient(config: DnsConfig): DnsClient {
  const resolver = new Resolver({ timeout: config.timeoutMs ?? 3_000, tries: config.tries ?? 2 });
  if (config.servers.length > 0) resolver.setServers(config.servers);
  const limit = pLimit(config.concurrency ?? 16);
  let sent = 0;

  const query = (run: () => Promise<string[]>, name: string): Promise<Query> =>
    limit(async () => {
      sent += 1;
      try {
        return { kind: 'records', values: normaliseNames(await run()) };
      } catch (err) {
        return classifyDnsError(err, name);
      }
    });

  return {
    queriesSent: () => sent,
    async lookup(domain, opts = {}) {
      const started = performance.now();
      const none: Query = { kind: 'records', values: [] };
      const [ns, mx, a, aaaa] = await Promise.all([
        query(() => resolver.resolveNs(domain), `NS ${domain}`),
        query(async () => (await resolver.resolveMx(domain)).map((r) => r.exchange), `MX ${domain}`),
        opts.addresses ? query(() => resolver.resolve4(domain), `A ${domain}`) : none,
        opts.addresses ? query(() => resolver.resolve6(domain), `AAAA ${domain}`) : none,
      ]);
      const latencyMs = Math.round(performance.now() - started);
      // Any failed query makes the whole answer unusable: half an answer could read as "no MX".
      for (const q of [ns, mx, a, aaaa]) if (q.kind === 'error') return { ok: false, error: q.error, latencyMs };
      if (ns.kind === 'nxdomain' || mx.kind === 'nxdomain') {
        const value = { nxdomain: true, nameservers: [], mx: [], ...(opts.addresses ? { addresses: [] } : {}) };
        return { ok: true, value, latencyMs };
      }
      const values = (q: Query) => (q.kind === 'records' ? q.values : []);
      const addresses = opts.addresses ? { addresses: [...values(a), ...values(aaaa)] } : {};
      return { ok: true, value: { nxdomain: false, nameservers: values(ns), mx: values(mx), ...addresses }, latencyMs };
    },
  };
}

function normaliseNames(names: string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase().replace(/\.+$/, '')).filter(Boolean))].sort();
}

function classifyDnsError(err: unknown, name: string): Query {
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'UNKNOWN';
  // c-ares reports NXDOMAIN as ENOTFOUND and NOERROR/NODATA as ENODATA.
  if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
  if (code === 'ENODATA') return { kind: 'records', values: [] };
  if (code === 'ETIMEOUT')
    return { kind: 'error', error: { code: 'timeout', message: `DNS ${name}: no answer in time` } };
  return { kind: 'error', error: { code: 'network', message: `DNS ${name}: ${code}` } };
}
