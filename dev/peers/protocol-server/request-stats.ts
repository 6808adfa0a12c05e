// What the server saw: every protocol request with its arrival time, and how many were in flight at
// once. Tests assert politeness (spacing, concurrency, Retry-After waits) from here, on the server's
// side, rather than by timing the client.

export interface RequestLogEntry {
  /** performance.now() at arrival: monotonic, for intervals only. */
  atMs: number;
  host: string;
  path: string;
  domain: string | null;
  /** The Accept header sent (RDAP servers differ in what they accept). */
  accept: string | null;
  status: number | null;
}

export interface RequestFilter {
  path?: string;
  host?: string;
  domain?: string;
}

export class RequestStats {
  private entries: RequestLogEntry[] = [];
  private total = 0;
  private inFlight = 0;
  private maxInFlightSeen = 0;
  /** Keep memory bounded when a benchmark sends millions of requests. */
  private readonly maxEntries: number;

  constructor(maxEntries = 200_000) {
    this.maxEntries = maxEntries;
  }

  /** Records an arrival; call the returned function once the response is finished or abandoned. */
  start(entry: Omit<RequestLogEntry, 'atMs' | 'status'>): (status: number | null) => void {
    const logged: RequestLogEntry = { ...entry, atMs: performance.now(), status: null };
    this.total += 1;
    if (this.entries.length < this.maxEntries) this.entries.push(logged);
    this.inFlight += 1;
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, this.inFlight);
    let finished = false;
    return (status) => {
      if (finished) return;
      finished = true;
      logged.status = status;
      this.inFlight -= 1;
    };
  }

  log(filter?: RequestFilter): RequestLogEntry[] {
    return this.entries.filter((e) => matches(e, filter));
  }

  count(filter?: RequestFilter): number {
    return filter ? this.log(filter).length : this.total;
  }

  get maxInFlight(): number {
    return this.maxInFlightSeen;
  }

  get current(): number {
    return this.inFlight;
  }

  /** Arrival times (ms) of matching requests, in order. */
  times(filter?: RequestFilter): number[] {
    return this.log(filter).map((e) => e.atMs);
  }

  /**
   * The most requests that arrived within any one second (a sliding window, every arrival counted,
   * 429s included): what a provider's rate limiter sees. Benchmarks and the shared-budget test read it.
   */
  maxPerSecond(filter?: RequestFilter): number {
    const times = this.times(filter);
    let max = 0;
    let from = 0;
    for (let to = 0; to < times.length; to += 1) {
      while ((times[to] as number) - (times[from] as number) >= 1000) from += 1;
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  private maxPerSecondByPrefix(): Record<string, number> {
    const keys = new Map<string, RequestFilter>();
    for (const e of this.entries) {
      const prefix = `/${e.path.split('/')[1] ?? ''}/`;
      keys.set(`${e.host} ${prefix}`, { host: e.host, path: prefix });
    }
    return Object.fromEntries([...keys].map(([key, filter]) => [key, this.maxPerSecond(filter)]));
  }

  summary(): {
    requests: number;
    byHost: Record<string, number>;
    maxInFlight: number;
    inFlight: number;
    maxPerSecond: number;
    maxPerSecondByHost: Record<string, number>;
    /** Keyed `host /first-segment/` ("127.0.0.1:4010 /rdap/"): what a per-path rate limit sees. */
    maxPerSecondByPrefix: Record<string, number>;
    responses429: number;
  } {
    const byHost: Record<string, number> = {};
    let responses429 = 0;
    for (const e of this.entries) {
      byHost[e.host] = (byHost[e.host] ?? 0) + 1;
      if (e.status === 429) responses429 += 1;
    }
    return {
      requests: this.total,
      byHost,
      maxInFlight: this.maxInFlightSeen,
      inFlight: this.inFlight,
      maxPerSecond: this.maxPerSecond(),
      maxPerSecondByHost: Object.fromEntries(Object.keys(byHost).map((host) => [host, this.maxPerSecond({ host })])),
      maxPerSecondByPrefix: this.maxPerSecondByPrefix(),
      responses429,
    };
  }

  reset(): void {
    this.entries = [];
    this.total = 0;
    this.maxInFlightSeen = this.inFlight;
  }
}

function matches(e: RequestLogEntry, filter?: RequestFilter): boolean {
  if (!filter) return true;
  if (filter.path !== undefined && !e.path.startsWith(filter.path)) return false;
  if (filter.host !== undefined && e.host !== filter.host) return false;
  if (filter.domain !== undefined && e.domain !== filter.domain) return false;
  return true;
}
