import { type JsonRecord, idString, isRecord, nonEmptyString, normalizeHostName, records } from '@/lib/domains/json';
import type { SourceError, StatusAnswer } from '@/core/domains';

// Domainr v2 (`{"status":[{domain, zone, status, summary}]}`) and its successor Fastly Domain Research
// (one object `{domain, zone, status, scope?, offers?, tags?}`) send the same space-separated words.
// Both can report a failure inside an HTTP 200, so a body is an answer only once it has the words
// for the domain that was asked about.

export type StatusParseResult = { ok: true; value: StatusAnswer } | { ok: false; error: SourceError };
export type StatusProvider = 'domainr' | 'fastly';

const MAX_MESSAGE = 200;

function providerError(message: string): StatusParseResult {
  return { ok: false, error: { code: 'provider_error', message: message.slice(0, MAX_MESSAGE) } };
}

function malformed(message: string): StatusParseResult {
  return { ok: false, error: { code: 'malformed', message: message.slice(0, MAX_MESSAGE) } };
}

/** Words split and lower-cased in the order received (repeats dropped): consumers treat them as a set. */
export function splitStatusWords(status: string): string[] {
  return [...new Set(status.toLowerCase().split(/\s+/).filter(Boolean))];
}

function errorText(error: JsonRecord): string {
  const parts = [error.title, error.message, error.detail, error.msg].map(nonEmptyString).filter(Boolean);
  const code = idString(error.code) ?? idString(error.status);
  const text = parts.length > 0 ? parts.join(': ') : 'unspecified error';
  return code !== null ? `${code} ${text}` : text;
}

/** `{"errors":[…]}` (both), `{"message": …}` (Domainr), `{"msg"|"detail"|"title": …}` (Fastly). */
function bodyError(body: JsonRecord): string | null {
  const errors = records(body.errors);
  if (errors.length > 0) return errors.map(errorText).join('; ');
  if (typeof body.status === 'string' || Array.isArray(body.status)) return null;
  const single = [body.message, body.msg, body.detail, body.title].some((v) => nonEmptyString(v) !== null);
  return single ? errorText(body) : null;
}

function answerFrom(entry: JsonRecord, requested: string | null): StatusParseResult {
  const domain = normalizeHostName(entry.domain);
  const status = typeof entry.status === 'string' ? entry.status : null;
  if (domain === null || status === null) return malformed('status entry lacks a domain or a status string');
  if (requested !== null && domain !== requested) {
    return malformed(`status answer is for ${domain}, not for the requested domain`);
  }
  return {
    ok: true,
    value: { domain, zone: nonEmptyString(entry.zone)?.toLowerCase() ?? null, words: splitStatusWords(status) },
  };
}

function parseDomainr(body: unknown, requestedDomain: string): StatusParseResult {
  if (!isRecord(body)) return malformed('Domainr answer is not a JSON object');
  const requested = normalizeHostName(requestedDomain);
  const entries = records(body.status);
  // Several domains can share one request; the one asked about is chosen by name, never by position.
  const entry = entries.find((e) => normalizeHostName(e.domain) === requested);
  if (entry) return answerFrom(entry, requested);
  const error = bodyError(body);
  if (error !== null) return providerError(error);
  if (!Array.isArray(body.status)) return malformed('Domainr answer has no status list');
  return malformed('Domainr answer has no entry for the requested domain');
}

function parseFastly(body: unknown, requestedDomain: string): StatusParseResult {
  if (!isRecord(body)) return malformed('Fastly answer is not a JSON object');
  const error = bodyError(body);
  if (error !== null) return providerError(error);
  return answerFrom(body, normalizeHostName(requestedDomain));
}

function guard(parse: () => StatusParseResult): StatusParseResult {
  try {
    return parse();
  } catch {
    // Unreachable for JSON.parse output; a hostile object from a caller still ends as a source error.
    return malformed('status answer could not be read');
  }
}

/** Reads a Domainr v2 `/v2/status` body. Never throws. */
export function parseDomainrStatus(body: unknown, requestedDomain: string): StatusParseResult {
  return guard(() => parseDomainr(body, requestedDomain));
}

/** Reads a Fastly `/domain-management/v1/tools/status` body. Never throws. */
export function parseFastlyStatus(body: unknown, requestedDomain: string): StatusParseResult {
  return guard(() => parseFastly(body, requestedDomain));
}

export function parseStatusAnswer(provider: StatusProvider, body: unknown, requestedDomain: string): StatusParseResult {
  return provider === 'domainr' ? parseDomainrStatus(body, requestedDomain) : parseFastlyStatus(body, requestedDomain);
}
