import { type Agent, fetch } from 'undici';
import { effectivePort, type OutboundPolicy } from '@/lib/domains/outbound-policy';
import { OutboundRefused } from '@/lib/domains/outbound-agent';
import type { SourceError } from '@/core/domains';

// One GET, redirects included, under the outbound policy. Redirects are followed here, not by
// fetch, so that every hop is checked by the same rules as the first URL, an https → http
// downgrade is refused, and the caller's credentials stay with the origin they were meant for.
// Bodies are read as a byte-bounded stream: a server that never stops sending costs us the limit.

export interface FetchedResponse {
  status: number;
  url: string;
  redirected: boolean;
  contentType: string;
  headers: Headers;
  body: string;
}

export type FetchOutcome = { kind: 'response'; response: FetchedResponse } | { kind: 'failure'; error: SourceError };

export interface OutboundFetchContext {
  agent: Agent;
  policy: OutboundPolicy;
  maxRedirects: number;
  maxBodyBytes: number;
  signal: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The only headers that follow a redirect to another origin: nothing the caller added (keys, tokens, signatures). */
const CROSS_ORIGIN_SAFE = new Set(['accept', 'user-agent']);

const blocked = (message: string): FetchOutcome => ({ kind: 'failure', error: { code: 'blocked_target', message } });

/** Why `next` may not be requested (after `previous`, for a redirect), or null. */
function hopRefusal(next: URL, previous: URL | null, policy: OutboundPolicy): string | null {
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return `${next.protocol} URLs are not fetched`;
  const allowedHost = policy.allowsHost(next.hostname, effectivePort(next));
  if (previous?.protocol === 'https:' && next.protocol === 'http:' && !allowedHost) {
    return `redirect from https to plain http (${next.host}) refused`;
  }
  return null;
}

export async function outboundGet(
  url: string,
  headers: Record<string, string>,
  ctx: OutboundFetchContext,
): Promise<FetchOutcome> {
  let current = new URL(url);
  let previous: URL | null = null;
  let sent: Record<string, string> = headers;
  for (let hop = 0; ; hop += 1) {
    const refusal = hopRefusal(current, previous, ctx.policy);
    if (refusal) return blocked(refusal);
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(current, { headers: sent, signal: ctx.signal, redirect: 'manual', dispatcher: ctx.agent });
    } catch (err) {
      return { kind: 'failure', error: transportError(err, current.host) };
    }
    const location = res.headers.get('location');
    if (REDIRECTS.has(res.status) && location) {
      await res.body?.cancel().catch(() => {});
      if (hop >= ctx.maxRedirects) {
        return {
          kind: 'failure',
          error: {
            code: 'http',
            message: `more than ${ctx.maxRedirects} redirects from ${new URL(url).host}`,
            httpStatus: res.status,
          },
        };
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return {
          kind: 'failure',
          error: {
            code: 'malformed',
            message: `unreadable redirect target from ${current.host}`,
            httpStatus: res.status,
          },
        };
      }
      if (next.origin !== current.origin)
        sent = Object.fromEntries(Object.entries(sent).filter(([k]) => CROSS_ORIGIN_SAFE.has(k.toLowerCase())));
      previous = current;
      current = next;
      continue;
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > ctx.maxBodyBytes) {
      await res.body?.cancel().catch(() => {});
      return tooLarge(`body of ${declared} bytes from ${current.host} is above the ${ctx.maxBodyBytes}-byte limit`);
    }
    let body: string | null;
    try {
      body = await readBounded(res.body, ctx.maxBodyBytes);
    } catch (err) {
      return { kind: 'failure', error: transportError(err, current.host) };
    }
    if (body === null) return tooLarge(`body from ${current.host} is above the ${ctx.maxBodyBytes}-byte limit`);
    const response: FetchedResponse = {
      status: res.status,
      url: current.toString(),
      redirected: previous !== null,
      contentType: (res.headers.get('content-type') ?? '').toLowerCase(),
      headers: res.headers as unknown as Headers,
      body,
    };
    return { kind: 'response', response };
  }
}

const tooLarge = (message: string): FetchOutcome => ({ kind: 'failure', error: { code: 'too_large', message } });

/** The body as UTF-8 text, or null once more than `maxBytes` bytes arrived (the stream is then cancelled). */
async function readBounded(
  stream: Awaited<ReturnType<typeof fetch>>['body'],
  maxBytes: number,
): Promise<string | null> {
  if (!stream) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    const chunk = value as Uint8Array;
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      // Cancelling ends the request: undici closes the connection rather than draining the rest.
      await reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(chunk, { stream: true });
  }
}

function findCause(err: unknown): unknown {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof OutboundRefused) return e;
  }
  return err instanceof Error && err.cause !== undefined ? err.cause : err;
}

export function transportError(err: unknown, host: string): SourceError {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return { code: 'timeout', message: `no answer from ${host} in time` };
  }
  const cause = findCause(err);
  if (cause instanceof OutboundRefused)
    return { code: 'blocked_target', message: `request to ${host} not sent: ${cause.message}` };
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : err instanceof Error ? err.message : 'unknown error';
  return { code: 'network', message: `request to ${host} failed: ${detail}` };
}
