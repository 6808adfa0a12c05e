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

  summary(): { requests: number; byHost: Record<string, number>; maxInFlight: number; inFlight: number } {
    const byHost: Record<string, number> = {};
    for (const e of this.entries) byHost[e.host] = (byHost[e.host] ?? 0) + 1;
    return { requests: this.total, byHost, maxInFlight: this.maxInFlightSeen, inFlight: this.inFlight };
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
