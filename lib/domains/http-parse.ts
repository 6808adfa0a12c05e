import type { HttpResponse } from '@/lib/domains/http';
import type { SourceError } from '@/core/domains';

// Reading what a server sent: its Retry-After, and a body that should be JSON.

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // All three HTTP date formats start with a day name; Date.parse alone accepts far more ("-5" is a year).
  if (!/^[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: SourceError };

/** Parses a response body as JSON; anything else is 'malformed' (e.g. an HTML error page behind a proxy). */
export function parseJsonBody(response: HttpResponse): JsonResult {
  try {
    return { ok: true, value: JSON.parse(response.body) };
  } catch {
    const host = new URL(response.url).host;
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `HTTP ${response.status} from ${host} is not JSON`,
        httpStatus: response.status,
      },
    };
  }
}
