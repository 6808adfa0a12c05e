import { type HttpClient, type HttpResponse, parseJsonBody } from '@/lib/domains/http';
import type { SourceError, SourceOutcome, StatusAnswer } from '@/core/domains';
import { parseDomainrStatus, parseFastlyStatus, type StatusProvider } from '@/lib/domains/status/parse';

// The domain status API (Domainr v2, or its successor at Fastly), one domain per call. Which
// provider is used is configuration; both speak the same status words. A provider failure is a
// source error, never a status: PyPI's first run showed how costly reading noise as words is.

export type StatusProviderConfig =
  | { provider: 'domainr'; baseUrl: string; clientId: string | null }
  | { provider: 'fastly'; baseUrl: string; apiKey: string | null }
  | { provider: 'none' };

export interface StatusClient {
  provider: StatusProvider;
  lookup(domain: string): Promise<SourceOutcome<StatusAnswer>>;
}

/** null when no provider is configured: the status source is then simply not consulted. */
export function createStatusClient(config: StatusProviderConfig, http: HttpClient): StatusClient | null {
  if (config.provider === 'none') return null;
  const provider = config.provider;
  return {
    provider,
    async lookup(domain) {
      const started = performance.now();
      const outcome = await lookupOnce(config, http, domain);
      return { ...outcome, latencyMs: Math.round(performance.now() - started) };
    },
  };
}

function joinUrl(base: string, path: string, query: Record<string, string>): string {
  const url = new URL(`${base.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

async function lookupOnce(
  config: Exclude<StatusProviderConfig, { provider: 'none' }>,
  http: HttpClient,
  domain: string,
): Promise<SourceOutcome<StatusAnswer>> {
  let url: string;
  let headers: Record<string, string> = {};
  if (config.provider === 'domainr') {
    if (!config.clientId) return notConfigured('DOMAINR_CLIENT_ID is not set');
    url = joinUrl(config.baseUrl, '/v2/status', { domain, client_id: config.clientId });
  } else {
    if (!config.apiKey) return notConfigured('FASTLY_API_KEY is not set');
    url = joinUrl(config.baseUrl, '/domain-management/v1/tools/status', { domain });
    headers = { 'fastly-key': config.apiKey };
  }
  const result = await http.get(url, { accept: 'application/json', headers, tag: 'status_api' });
  if (!result.ok) return result;
  const { response } = result;
  if (response.status !== 200) return { ok: false, error: statusHttpError(config.provider, response) };
  const json = parseJsonBody(response);
  if (!json.ok) return json;
  return config.provider === 'domainr' ? parseDomainrStatus(json.value, domain) : parseFastlyStatus(json.value, domain);
}

function notConfigured(message: string): SourceOutcome<StatusAnswer> {
  return { ok: false, error: { code: 'not_configured', message } };
}

function statusHttpError(provider: StatusProvider, response: HttpResponse): SourceError {
  const status = response.status;
  const detail = providerMessage(response);
  // A rejected client id or key will not fix itself: say so, so an operator looks at the configuration.
  if (status === 401 || status === 403) {
    const setting = provider === 'domainr' ? 'DOMAINR_CLIENT_ID' : 'FASTLY_API_KEY';
    return {
      code: 'not_configured',
      message: `${provider} rejected the credentials (HTTP ${status}); check ${setting}${detail}`,
      httpStatus: status,
    };
  }
  return { code: 'http', message: `${provider} answered HTTP ${status}${detail}`, httpStatus: status };
}

/** The provider's own words, if its error body has them (Domainr `message`, Fastly `title`/`msg`/`detail`). */
function providerMessage(response: HttpResponse): string {
  const json = parseJsonBody(response);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return '';
  const body = json.value as Record<string, unknown>;
  const text = [body.message, body.title, body.msg, body.detail].find((v): v is string => typeof v === 'string');
  return text ? `: ${text.slice(0, 160)}` : '';
}
