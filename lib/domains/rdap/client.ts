import { type HttpClient, type HttpResponse, parseJsonBody, RDAP_ACCEPT } from '@/lib/domains/http';
import type { RdapAnswer, SourceOutcome } from '@/core/domains';
import type { RdapBootstrap } from '@/lib/domains/rdap/bootstrap';
import { parseRdapDomain } from '@/lib/domains/rdap/parse';

// One RDAP domain lookup at the registry the IANA bootstrap names. Only a 404 for that exact
// lookup means "not registered"; every other failure (rate limits in disguise, 5xx, bad bodies)
// is a source error, which the classifier reads as "no evidence" — never as a lapse.

export interface RdapClientOptions {
  http: HttpClient;
  bootstrap: RdapBootstrap;
  /**
   * After a disguised rate limit (403 HTML, 422) — which carries no Retry-After — hold the host this
   * long, so a scan does not keep hammering a registry that has started refusing us.
   */
  rateLimitPauseMs?: number;
}

export interface RdapClient {
  lookup(domain: string): Promise<SourceOutcome<RdapAnswer>>;
}

export function createRdapClient(options: RdapClientOptions): RdapClient {
  return {
    async lookup(domain) {
      const started = performance.now();
      const outcome = await lookupOnce(options, domain);
      return { ...outcome, latencyMs: Math.round(performance.now() - started) };
    },
  };
}

async function lookupOnce(options: RdapClientOptions, domain: string): Promise<SourceOutcome<RdapAnswer>> {
  const base = await options.bootstrap.baseFor(domain);
  if (!base.ok) return base;
  const url = new URL(`domain/${encodeURIComponent(domain)}`, base.value.baseUrl).toString();
  const result = await options.http.get(url, { accept: RDAP_ACCEPT, tag: 'rdap_registry' });
  if (!result.ok) return result;
  const outcome = interpretRdapResponse(result.response, domain, url);
  if (!outcome.ok && outcome.error.code === 'rate_limited' && (options.rateLimitPauseMs ?? 10_000) > 0) {
    options.http.pauseHost(new URL(url).host, options.rateLimitPauseMs ?? 10_000);
  }
  return outcome;
}

/** Maps one final RDAP HTTP response to an answer or a SourceError. Exported for tests. */
export function interpretRdapResponse(
  response: HttpResponse,
  domain: string,
  requestedUrl: string,
): SourceOutcome<RdapAnswer> {
  const { status } = response;
  const host = new URL(requestedUrl).host;
  const isHtml = response.contentType.includes('html') || /^\s*</.test(response.body);

  if (status === 200) {
    const json = parseJsonBody(response);
    if (!json.ok) return json;
    const parsed = parseRdapDomain(json.value);
    if (!parsed.ok) return parsed;
    // A registry answering for another name (a misrouted proxy, a wildcard) must not stand for this one.
    if (parsed.value.ldhName !== domain.toLowerCase()) {
      return {
        ok: false,
        error: { code: 'malformed', message: `${host} answered for ${parsed.value.ldhName}, not ${domain}` },
      };
    }
    return { ok: true, value: { kind: 'registered', domain: parsed.value, url: response.url } };
  }
  if (status === 404) {
    // A redirect to another server (registry → somewhere else) is no longer the registry's own
    // answer to the exact lookup, so its 404 proves nothing.
    if (response.redirected && new URL(response.url).host !== host) {
      return {
        ok: false,
        error: { code: 'http', message: `404 from ${new URL(response.url).host} after a redirect`, httpStatus: 404 },
      };
    }
    // Verisign sends an empty body; others a JSON error object. Both mean "no such domain". An HTML
    // 404 is a web server or proxy in the way, not the RDAP service.
    if (isHtml) return { ok: false, error: { code: 'http', message: `HTML 404 from ${host}`, httpStatus: 404 } };
    return { ok: true, value: { kind: 'not_found' } };
  }
  // rdap.nic.biz signals its rate limit with 403 and an HTML page, ZDNS with 422 and JSON.
  if ((status === 403 && isHtml) || status === 422) {
    return {
      ok: false,
      error: {
        code: 'rate_limited',
        message: `${host} refused the query (HTTP ${status}, rate limit)`,
        httpStatus: status,
      },
    };
  }
  return {
    ok: false,
    error: { code: 'http', message: `HTTP ${status} from ${host}${errorTitle(response)}`, httpStatus: status },
  };
}

function errorTitle(response: HttpResponse): string {
  const json = parseJsonBody(response);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return '';
  const title = (json.value as { title?: unknown }).title;
  return typeof title === 'string' ? `: ${title.slice(0, 120)}` : '';
}
