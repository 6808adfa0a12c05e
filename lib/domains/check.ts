import type { Env } from '@/lib/env';
import { classify } from '@/lib/domains/classify';
import { createDnsClient, type DnsClient, type DnsConfig } from '@/lib/domains/dns';
import { HttpClient, type HttpClientOptions } from '@/lib/domains/http';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { type BootstrapInfo, RdapBootstrap } from '@/lib/domains/rdap/bootstrap';
import { createRdapClient, type RdapClient } from '@/lib/domains/rdap/client';
import { createStatusClient, type StatusClient, type StatusProviderConfig } from '@/lib/domains/status/client';
import type { Classification, ClassifyContext, Evidence, SourceError, SourceName, SourceOutcome } from '@/core/domains';

// One domain check: every configured source queried at once for one registrable domain. The scan
// worker calls this thousands of times through ONE checker, so the bootstrap cache, the per-host
// limits and the request counters below are shared by all its checks.

export const CHECK_SOURCES = ['rdap', 'status', 'dns'] as const;
export type CheckSource = (typeof CHECK_SOURCES)[number];

export interface SourcesConfig {
  rdap: { bootstrapUrl: string; bootstrapTtlMs?: number; rateLimitPauseMs?: number } | null;
  status: StatusProviderConfig;
  dns: DnsConfig | null;
  http?: HttpClientOptions;
}

export interface SourceReport {
  name: SourceName;
  ok: boolean;
  error?: SourceError;
  statusWords?: string[];
  latencyMs: number | null;
}

export type DomainCheck = Evidence & { domain: string; sources: SourceReport[] };

export interface CheckOptions {
  /** Limit this check to some sources; unconfigured ones are skipped either way. */
  sources?: readonly CheckSource[];
}

export interface CheckedDomain {
  domain: string;
  evidence: Evidence;
  classification: Classification;
  sources: SourceReport[];
}

export interface CheckerStats {
  checks: number;
  requestsByHost: Record<string, number>;
  bootstrap: BootstrapInfo | null;
}

export interface DomainChecker {
  check(domain: string, opts?: CheckOptions): Promise<DomainCheck>;
  checkAndClassify(domain: string, ctx: ClassifyContext, opts?: CheckOptions): Promise<CheckedDomain>;
  stats(): CheckerStats;
}

export function createDomainChecker(config: SourcesConfig): DomainChecker {
  const http = new HttpClient(config.http);
  const bootstrap = config.rdap
    ? new RdapBootstrap({ url: config.rdap.bootstrapUrl, http, ttlMs: config.rdap.bootstrapTtlMs })
    : null;
  const rdap: RdapClient | null = bootstrap
    ? createRdapClient({ http, bootstrap, rateLimitPauseMs: config.rdap?.rateLimitPauseMs })
    : null;
  const status: StatusClient | null = createStatusClient(config.status, http);
  const dns: DnsClient | null = config.dns ? createDnsClient(config.dns) : null;
  let checks = 0;

  async function check(input: string, opts: CheckOptions = {}): Promise<DomainCheck> {
    const normalized = registrableDomainOf(input);
    if (!normalized.ok)
      throw new TypeError(`not a registrable domain: ${JSON.stringify(input)} (${normalized.error.message})`);
    const domain = normalized.registrableDomain;
    const wanted = new Set<CheckSource>(opts.sources ?? CHECK_SOURCES);
    checks += 1;
    const [rdapOutcome, statusOutcome, dnsOutcome] = await Promise.all([
      rdap && wanted.has('rdap') ? rdap.lookup(domain) : undefined,
      status && wanted.has('status') ? status.lookup(domain) : undefined,
      dns && wanted.has('dns') ? dns.lookup(domain) : undefined,
    ]);
    const evidence: Evidence = {};
    const sources: SourceReport[] = [];
    if (rdapOutcome) {
      evidence.rdap = rdapOutcome;
      sources.push(report('rdap', rdapOutcome));
    }
    if (statusOutcome && status) {
      evidence.status = { ...statusOutcome, provider: status.provider };
      sources.push({
        ...report(status.provider, statusOutcome),
        ...(statusOutcome.ok ? { statusWords: statusOutcome.value.words } : {}),
      });
    }
    if (dnsOutcome) {
      evidence.dns = dnsOutcome;
      sources.push(report('dns', dnsOutcome));
    }
    return { ...evidence, domain, sources };
  }

  return {
    check,
    async checkAndClassify(input, ctx, opts) {
      const { domain, sources, ...evidence } = await check(input, opts);
      return { domain, evidence, classification: classify(evidence, ctx), sources };
    },
    stats: () => ({ checks, requestsByHost: http.requestCounts(), bootstrap: bootstrap?.info() ?? null }),
  };
}

function report<T>(name: SourceName, outcome: SourceOutcome<T>): SourceReport {
  const latencyMs = outcome.latencyMs ?? null;
  return outcome.ok ? { name, ok: true, latencyMs } : { name, ok: false, error: outcome.error, latencyMs };
}

/** Our own local protocol server needs no politeness; pacing it would only slow the demo and tests. */
const LOOPBACK_LIMITS = { concurrency: 16, requestsPerSecond: 0 };

function loopbackHosts(urls: string[]): Record<string, typeof LOOPBACK_LIMITS> {
  const hosts: Record<string, typeof LOOPBACK_LIMITS> = {};
  for (const raw of urls) {
    const url = new URL(raw);
    if (/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)) hosts[url.host] = LOOPBACK_LIMITS;
  }
  return hosts;
}

/**
 * The checker configuration the environment describes (see lib/env.ts). `tuning` sets what the
 * environment does not: per-host limits and timeouts. Loopback hosts in the configured URLs (the
 * local protocol server) are not paced unless `tuning` says otherwise — but they are reached only
 * when GK_OUTBOUND_ALLOW (or `tuning.http.allow`) allows them: configuring a URL is not an allowance.
 */
export function sourcesConfigFromEnv(env: Env, tuning: Pick<SourcesConfig, 'http'> = {}): SourcesConfig {
  const status: StatusProviderConfig =
    env.DOMAIN_STATUS_PROVIDER === 'domainr'
      ? { provider: 'domainr', baseUrl: env.DOMAINR_BASE_URL, clientId: env.DOMAINR_CLIENT_ID ?? null }
      : env.DOMAIN_STATUS_PROVIDER === 'fastly'
        ? { provider: 'fastly', baseUrl: env.FASTLY_BASE_URL, apiKey: env.FASTLY_API_KEY ?? null }
        : { provider: 'none' };
  const local = loopbackHosts([env.RDAP_BOOTSTRAP_URL, env.DOMAINR_BASE_URL, env.FASTLY_BASE_URL]);
  return {
    rdap: { bootstrapUrl: env.RDAP_BOOTSTRAP_URL },
    status,
    dns: { servers: env.DNS_SERVERS },
    http: {
      ...tuning.http,
      hosts: { ...local, ...tuning.http?.hosts },
      allow: [...env.GK_OUTBOUND_ALLOW, ...(tuning.http?.allow ?? [])],
    },
  };
}
