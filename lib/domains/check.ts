import { classify } from '@/lib/domains/classify';
import { createDnsClient, type DnsClient, type DnsConfig } from '@/lib/domains/dns';
import { HttpClient, type HttpClientOptions } from '@/lib/domains/http';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { type BootstrapInfo, RdapBootstrap } from '@/lib/domains/rdap/bootstrap';
import { createRdapClient, type RdapClient } from '@/lib/domains/rdap/client';
import { type ReachabilityOptions, RegistrarReachability } from '@/lib/domains/rdap/reachability';
import { createRegistrarClient, type RegistrarClient } from '@/lib/domains/rdap/related';
import { createStatusClient, type StatusClient, type StatusProviderConfig } from '@/lib/domains/status/client';
import type { Classification, ClassifyContext, Evidence, SourceError, SourceName, SourceOutcome } from '@/core/domains';

// One domain check. RDAP (the registry, then one hop to the registrar it links to) and DNS are free
// and asked every time; the status API (Domainr/Fastly) is paid per call and asked only when they
// leave the stage open (see needsStatusApi), at most once per check. The scan worker calls this
// thousands of times through ONE checker, so the bootstrap cache, the registrar reachability cache,
// the per-host limits and the counters below are shared by all its checks.

export { sourcesConfigFromEnv } from '@/lib/domains/sources-config';

export const CHECK_SOURCES = ['rdap', 'status', 'dns'] as const;
export type CheckSource = (typeof CHECK_SOURCES)[number];

export interface SourcesConfig {
  rdap: {
    bootstrapUrl: string;
    bootstrapTtlMs?: number;
    rateLimitPauseMs?: number;
    /** How long a failing registrar RDAP server is left alone (rdap/reachability.ts). */
    registrarHold?: ReachabilityOptions;
  } | null;
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
  /** Also ask DNS for A/AAAA (look-alike candidates: could it host a page?). */
  addresses?: boolean;
}

export interface CheckedDomain {
  domain: string;
  evidence: Evidence;
  classification: Classification;
  sources: SourceReport[];
}

/** Per source: requests sent (HTTP attempts incl. retries, a redirect chain counting once; DNS queries). */
export interface SourceCounts {
  rdapBootstrap: number;
  rdapRegistry: number;
  rdapRegistrar: number;
  statusApi: number;
  dns: number;
}

export interface CheckerStats {
  checks: number;
  requestsByHost: Record<string, number>;
  requestsBySource: SourceCounts;
  /** Per source: lookups made (one per domain and source in a check; retries not counted). */
  lookupsBySource: Omit<SourceCounts, 'rdapBootstrap'>;
  /** Registrar RDAP base URLs left alone for now after failing. */
  registrarsHeld: string[];
  bootstrap: BootstrapInfo | null;
}

export interface DomainChecker {
  check(domain: string, opts?: CheckOptions): Promise<DomainCheck>;
  checkAndClassify(domain: string, ctx: ClassifyContext, opts?: CheckOptions): Promise<CheckedDomain>;
  stats(): CheckerStats;
}

/**
 * The status API is asked exactly when the free sources leave the stage open: classified without
 * it, the evidence gives `unknown`. That is: RDAP has no server for the TLD, failed, or answered
 * with neither a domain record nor a 404 — whatever DNS said, since DNS alone never decides.
 * The answer does not depend on the context (verification dates only matter once RDAP answered).
 */
export function needsStatusApi(evidence: Evidence): boolean {
  return classify(evidence, { now: new Date(0) }).stage === 'unknown';
}

export function createDomainChecker(config: SourcesConfig): DomainChecker {
  const http = new HttpClient(config.http);
  const bootstrap = config.rdap
    ? new RdapBootstrap({ url: config.rdap.bootstrapUrl, http, ttlMs: config.rdap.bootstrapTtlMs })
    : null;
  const rdap: RdapClient | null = bootstrap
    ? createRdapClient({ http, bootstrap, rateLimitPauseMs: config.rdap?.rateLimitPauseMs })
    : null;
  const reachability = new RegistrarReachability(config.rdap?.registrarHold);
  const registrar: RegistrarClient | null = rdap ? createRegistrarClient({ http, reachability }) : null;
  const status: StatusClient | null = createStatusClient(config.status, http);
  const dns: DnsClient | null = config.dns ? createDnsClient(config.dns) : null;
  let checks = 0;
  const lookups = { rdapRegistry: 0, rdapRegistrar: 0, statusApi: 0, dns: 0 };
  const counted = <T>(key: keyof typeof lookups, run: () => Promise<T>): Promise<T> => {
    lookups[key] += 1;
    return run();
  };

  async function check(input: string, opts: CheckOptions = {}): Promise<DomainCheck> {
    const normalized = registrableDomainOf(input);
    if (!normalized.ok)
      throw new TypeError(`not a registrable domain: ${JSON.stringify(input)} (${normalized.error.message})`);
    const domain = normalized.registrableDomain;
    const wanted = new Set<CheckSource>(opts.sources ?? CHECK_SOURCES);
    checks += 1;
    const [rdapOutcome, dnsOutcome] = await Promise.all([
      rdap && wanted.has('rdap') ? counted('rdapRegistry', () => rdap.lookup(domain)) : undefined,
      dns && wanted.has('dns')
        ? counted('dns', () => dns.lookup(domain, { addresses: opts.addresses === true }))
        : undefined,
    ]);
    const evidence: Evidence = {};
    const sources: SourceReport[] = [];
    if (rdapOutcome) {
      evidence.rdap = rdapOutcome;
      sources.push(report('rdap', rdapOutcome));
    }
    if (registrar && rdapOutcome?.ok && rdapOutcome.value.kind === 'registered') {
      const registry = rdapOutcome.value;
      const outcome = await registrar.lookup(domain, registry);
      if (outcome) {
        if (outcome.ok || outcome.error.code !== 'skipped') lookups.rdapRegistrar += 1;
        evidence.rdapRegistrar = outcome;
        sources.push(report('rdap_registrar', outcome));
      }
    }
    if (dnsOutcome) {
      evidence.dns = dnsOutcome;
      sources.push(report('dns', dnsOutcome));
    }
    if (status && wanted.has('status') && needsStatusApi(evidence)) {
      const statusOutcome = await counted('statusApi', () => status.lookup(domain));
      evidence.status = { ...statusOutcome, provider: status.provider };
      sources.push({
        ...report(status.provider, statusOutcome),
        ...(statusOutcome.ok ? { statusWords: statusOutcome.value.words } : {}),
      });
    }
    return { ...evidence, domain, sources };
  }

  return {
    check,
    async checkAndClassify(input, ctx, opts) {
      const { domain, sources, ...evidence } = await check(input, opts);
      return { domain, evidence, classification: classify(evidence, ctx), sources };
    },
    stats: () => {
      const tagged = http.requestCountsByTag();
      return {
        checks,
        requestsByHost: http.requestCounts(),
        requestsBySource: {
          rdapBootstrap: tagged.rdap_bootstrap ?? 0,
          rdapRegistry: tagged.rdap_registry ?? 0,
          rdapRegistrar: tagged.rdap_registrar ?? 0,
          statusApi: tagged.status_api ?? 0,
          dns: dns?.queriesSent() ?? 0,
        },
        lookupsBySource: { ...lookups },
        registrarsHeld: reachability.heldBases(),
        bootstrap: bootstrap?.info() ?? null,
      };
    },
  };
}

function report<T>(name: SourceName, outcome: SourceOutcome<T>): SourceReport {
  const latencyMs = outcome.latencyMs ?? null;
  return outcome.ok ? { name, ok: true, latencyMs } : { name, ok: false, error: outcome.error, latencyMs };
}
