import { type HttpClient, RDAP_ACCEPT } from '@/lib/domains/http';
import { interpretRdapResponse } from '@/lib/domains/rdap/client';
import type { RegistrarReachability } from '@/lib/domains/rdap/reachability';
import { RDAP_STATUS } from '@/lib/domains/rdap/status';
import type { RdapAnswer, SourceOutcome } from '@/core/domains';

// One hop from the registry's answer to the sponsoring registrar's RDAP record of the same domain:
// the registry's `rel: related` link (type application/rdap+json; draft-ietf-regext-rdap-referrals
// describes this relation). Never further: a link in the registrar's answer is not followed. The
// request goes through the same HttpClient as every other (per-host limits, timeouts, outbound
// rules, redirects re-checked hop by hop).

type RegisteredAnswer = Extract<RdapAnswer, { kind: 'registered' }>;

const sameUrl = (a: string, b: string | null | undefined) =>
  b != null && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The registrar link to follow for `domain`: an http(s) `related` link whose path ends in
 * `/domain/<name>`, that is not the registry's own record (CentralNic links to itself). Null if none.
 */
export function registrarLink(registry: RegisteredAnswer, domain: string): string | null {
  const tail = `/domain/${domain.toLowerCase()}`;
  for (const href of registry.domain.relatedLinks) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (!url.pathname.toLowerCase().replace(/\.$/, '').endsWith(tail)) continue;
    if (sameUrl(href, registry.url) || sameUrl(href, registry.domain.selfLink)) continue;
    return url.toString();
  }
  return null;
}

/** The registrar's RDAP base URL: the link without its `domain/<name>` tail. Reachability is kept per base. */
export function registrarBase(link: string): string {
  const url = new URL(link);
  const path = url.pathname.replace(/domain\/[^/]*$/i, '');
  return `${url.origin}${path}`;
}

/** Registry statuses after which the registrar's record cannot change the stage (it only ever warns). */
const ALREADY_LAPSED = [RDAP_STATUS.redemptionPeriod, RDAP_STATUS.pendingDelete, RDAP_STATUS.pendingRestore];

export interface RegistrarClient {
  /** The registrar's answer, or null when the registry gave no link worth following. */
  lookup(domain: string, registry: RegisteredAnswer): Promise<SourceOutcome<RdapAnswer> | null>;
}

export function createRegistrarClient(options: {
  http: HttpClient;
  reachability: RegistrarReachability;
}): RegistrarClient {
  return {
    async lookup(domain, registry) {
      if (ALREADY_LAPSED.some((s) => registry.domain.statuses.includes(s))) return null;
      const link = registrarLink(registry, domain);
      if (!link) return null;
      const base = registrarBase(link);
      const held = options.reachability.held(base);
      if (held) return { ok: false, error: held, latencyMs: 0 };
      const started = performance.now();
      const result = await options.http.get(link, { accept: RDAP_ACCEPT, tag: 'rdap_registrar' });
      const outcome = result.ok ? interpretRegistrarResponse(result.response, domain, link) : result;
      options.reachability.record(base, outcome);
      return { ...outcome, latencyMs: Math.round(performance.now() - started) };
    },
  };
}

function interpretRegistrarResponse(
  response: Parameters<typeof interpretRdapResponse>[0],
  domain: string,
  link: string,
): SourceOutcome<RdapAnswer> {
  const outcome = interpretRdapResponse(response, domain, link);
  // Only the registry can say a domain is not registered: a registrar without a record of it (a
  // transfer in flight, a stale link) is a failed lookup, never "available".
  if (outcome.ok && outcome.value.kind === 'not_found') {
    const host = new URL(response.url).host;
    return {
      ok: false,
      error: { code: 'http', message: `${host} has no record of ${domain} (HTTP 404)`, httpStatus: 404 },
    };
  }
  return outcome;
}
