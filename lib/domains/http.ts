import type { Agent } from 'undici';
import {
  type Clock,
  DEFAULT_HOST_LIMITS,
  HostGates,
  type HostLimits,
  type SharedBudget,
  systemClock,
} from '@/lib/domains/host-limiter';
import { createOutboundAgent, type Resolve } from '@/lib/domains/outbound-agent';
import { type FetchedResponse, type FetchOutcome, outboundGet } from '@/lib/domains/outbound-fetch';
import { OutboundPolicy } from '@/lib/domains/outbound-policy';
import { parseRetryAfter } from '@/lib/domains/http-parse';
import type { SourceError } from '@/core/domains';

export { type JsonResult, parseJsonBody, parseRetryAfter } from '@/lib/domains/http-parse';

// The one HTTP client every source uses (RDAP bootstrap, RDAP, status APIs): timeouts, bounded
// retries, Retry-After, per-host limits and request counts live here once. It returns the final
// response for any status the caller must interpret (404, 403, 422 mean different things per
// source) and turns only transport failures, 429 and 5xx-after-retries into SourceErrors.
// Where it may connect, how redirects are followed and how much body it reads: outbound-*.ts.

export const RDAP_ACCEPT = 'application/rdap+json, application/json';

export interface HttpClientOptions {
  clock?: Clock;
  random?: () => number;
  /** Per attempt, headers and body included. */
  timeoutMs?: number;
  /** Extra attempts after the first, for 429, 5xx (not 501) and network errors. */
  retries?: number;
  /** A server that did not answer in time is usually overloaded; retrying it by default only adds load. */
  retryTimeouts?: boolean;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After we wait for; a longer one ends the lookup as rate_limited. */
  retryAfterMaxMs?: number;
  hostDefaults?: Partial<HostLimits>;
  /** Keyed by URL host (`host:port` when a port is given). */
  hosts?: Record<string, Partial<HostLimits>>;
  /**
   * The deployment-wide budget per host (workers): each host's `requestsPerSecond` becomes the
   * ceiling of one budget all processes share, and a 429's Retry-After holds every process.
   */
  budget?: SharedBudget;
  /** Bodies above this many bytes (default 1 MiB) end the read with a 'too_large' error; the rest is never buffered. */
  maxBodyBytes?: number;
  /** Redirect hops followed per attempt (default 5); each hop is checked like the first URL. */
  maxRedirects?: number;
  userAgent?: string;
  /**
   * Targets allowed besides public addresses (GK_OUTBOUND_ALLOW): `host`, `host:port` or CIDR
   * blocks. Strict by default: loopback, private, link-local, metadata … addresses are refused.
   */
  allow?: readonly string[];
  /** Name → addresses for connections; defaults to the system resolver. */
  resolve?: Resolve;
  /** Extra CA certificates (PEM) to trust, e.g. a development server's own. */
  ca?: string;
}

/** The final response, and how many attempts it took. */
export interface HttpResponse extends FetchedResponse {
  attempts: number;
}

export type HttpResult = { ok: true; response: HttpResponse } | { ok: false; error: SourceError; attempts: number };

export interface HttpRequestOptions {
  accept?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Which source sends it ('rdap_registry', 'status_api' …): requests are also counted per tag. */
  tag?: string;
}

type Attempt = FetchOutcome;

export class HttpClient {
  private readonly gates: HostGates;
  private readonly tagged = new Map<string, number>();
  private readonly policy: OutboundPolicy;
  private readonly agent: Agent;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly opts: Required<
    Pick<
      HttpClientOptions,
      | 'timeoutMs'
      | 'retries'
      | 'retryTimeouts'
      | 'backoffBaseMs'
      | 'backoffMaxMs'
      | 'retryAfterMaxMs'
      | 'maxBodyBytes'
      | 'maxRedirects'
      | 'userAgent'
    >
  >;

  /** Throws a TypeError when an `allow` entry is unreadable. */
  constructor(options: HttpClientOptions = {}) {
    this.policy = new OutboundPolicy(options.allow);
    this.agent = createOutboundAgent(this.policy, { resolve: options.resolve, ca: options.ca });
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 2,
      retryTimeouts: options.retryTimeouts ?? false,
      backoffBaseMs: options.backoffBaseMs ?? 250,
      backoffMaxMs: options.backoffMaxMs ?? 5_000,
      retryAfterMaxMs: options.retryAfterMaxMs ?? 30_000,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      userAgent: options.userAgent ?? 'Gravekeeper/0.1 (email-domain lifecycle check)',
    };
    this.gates = new HostGates(
      { ...DEFAULT_HOST_LIMITS, ...options.hostDefaults },
      options.hosts ?? {},
      this.clock,
      options.budget,
    );
  }

  async get(url: string, request: HttpRequestOptions = {}): Promise<HttpResult> {
    const host = new URL(url).host;
    const gate = this.gates.for(host);
    for (let attempt = 0; ; attempt += 1) {
      const result = await gate.run(() => {
        if (request.tag) this.tagged.set(request.tag, (this.tagged.get(request.tag) ?? 0) + 1);
        return this.once(url, request);
      });
      const attempts = attempt + 1;
      const canRetry = attempt < this.opts.retries;
      if (result.kind === 'failure') {
        const retryable =
          result.error.code === 'network' || (result.error.code === 'timeout' && this.opts.retryTimeouts);
        if (retryable && canRetry) {
          await this.clock.sleep(this.backoff(attempt));
          continue;
        }
        return { ok: false, error: result.error, attempts };
      }
      const { response } = result;
      const status = response.status;
      if (status !== 429 && (status < 500 || status === 501)) return { ok: true, response: { ...response, attempts } };

      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
      // The whole host is throttled, not this URL: hold every request to it, up to our cap.
      if (retryAfterMs !== null) gate.pause(Math.min(retryAfterMs, this.opts.retryAfterMaxMs));
      const waitTooLong = retryAfterMs !== null && retryAfterMs > this.opts.retryAfterMaxMs;
      if (canRetry && !waitTooLong) {
        await this.clock.sleep(this.backoff(attempt)); // the gate adds whatever remains of Retry-After
        continue;
      }
      const error: SourceError =
        status === 429
          ? { code: 'rate_limited', message: `HTTP 429 from ${host}`, httpStatus: status }
          : { code: 'http', message: `HTTP ${status} from ${host} after ${attempts} attempts`, httpStatus: status };
      if (retryAfterMs !== null) error.retryAfterMs = retryAfterMs;
      return { ok: false, error, attempts };
    }
  }

  /** Holds requests to a host, e.g. after a disguised rate limit (403 HTML, 422) that carries no Retry-After. */
  pauseHost(host: string, ms: number): void {
    this.gates.for(host).pause(ms);
  }

  /** Requests sent per host since this client was created (retries included). */
  requestCounts(): Record<string, number> {
    return this.gates.counts();
  }

  /** Requests sent per `tag` (retries included; a redirect chain is one request). */
  requestCountsByTag(): Record<string, number> {
    return Object.fromEntries(this.tagged);
  }

  private backoff(attempt: number): number {
    // "Equal jitter": at least half the ceiling plus a random share, so the retries of many
    // concurrent lookups spread out instead of arriving together.
    const ceiling = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private once(url: string, request: HttpRequestOptions): Promise<Attempt> {
    const headers = {
      accept: request.accept ?? 'application/json',
      'user-agent': this.opts.userAgent,
      ...request.headers,
    };
    return outboundGet(url, headers, {
      agent: this.agent,
      policy: this.policy,
      maxRedirects: this.opts.maxRedirects,
      maxBodyBytes: this.opts.maxBodyBytes,
      signal: AbortSignal.timeout(request.timeoutMs ?? this.opts.timeoutMs),
    });
  }
}
