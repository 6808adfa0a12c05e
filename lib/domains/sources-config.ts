import type { Env } from '@/lib/env';
import type { SourcesConfig } from '@/lib/domains/check';
import type { StatusProviderConfig } from '@/lib/domains/status/client';

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
