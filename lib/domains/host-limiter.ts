import pLimit, { type LimitFunction } from 'p-limit';

// Politeness towards each server we query. A scan sends thousands of lookups; registries throttle
// or block clients that burst (rdap.nic.biz answers 403, ZDNS 422), and a block says nothing about
// the domains, so it only costs coverage. Limits are per host (host:port of the URL), shared by every
// check that uses the same HttpClient.

export interface HostLimits {
  /** Requests in flight at once to this host. */
  concurrency: number;
  /** Requests started per second; requests are spaced evenly (no bursts). 0 or Infinity = no spacing. */
  requestsPerSecond: number;
}

export interface Clock {
  now(): number; // epoch ms
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const DEFAULT_HOST_LIMITS: HostLimits = { concurrency: 4, requestsPerSecond: 5 };

export class HostGate {
  private readonly limit: LimitFunction;
  private readonly intervalMs: number;
  private nextSlotAt = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  /** Requests actually sent (each retry counts). */
  requests = 0;

  constructor(
    readonly limits: HostLimits,
    private readonly clock: Clock,
  ) {
    this.limit = pLimit(Math.max(1, Math.floor(limits.concurrency)));
    const rps = limits.requestsPerSecond;
    this.intervalMs = rps > 0 && Number.isFinite(rps) ? 1000 / rps : 0;
  }

  /** Runs one request attempt inside the host's concurrency and spacing limits. */
  run<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      await this.waitForSlot();
      this.requests += 1;
      return attempt();
    });
  }

  /** Holds every request to this host, e.g. after a 429 with Retry-After: the whole host is throttled, not one URL. */
  pause(ms: number): void {
    if (ms > 0) this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  get inFlight(): number {
    return this.limit.activeCount;
  }

  private async waitForSlot(): Promise<void> {
    // Reserve a start time synchronously, so concurrent callers queue up one interval apart: the
    // reservations keep the average at the host's rate. A timer can fire late and bunch starts
    // together, so after waking each caller also keeps at least 3/4 of an interval from the last
    // actual start — enough to stop bursts, yet late starts can catch up with their schedule (a
    // full interval here would turn every late timer into lost throughput, halving the rate under
    // load). It also honours a pause that arrived while it slept.
    let reserved = Math.max(this.clock.now(), this.nextSlotAt);
    this.nextSlotAt = reserved + this.intervalMs;
    for (;;) {
      if (this.pausedUntil > reserved) {
        // A pause moved the schedule: take a fresh slot after it, so the held requests leave one
        // interval apart instead of all at once when it ends.
        reserved = Math.max(this.pausedUntil, this.nextSlotAt);
        this.nextSlotAt = reserved + this.intervalMs;
      }
      const now = this.clock.now();
      const earliest = Math.max(reserved, this.pausedUntil, this.lastStartAt + this.intervalMs * 0.75);
      if (earliest <= now) {
        this.lastStartAt = now;
        return;
      }
      await this.clock.sleep(earliest - now);
    }
  }
}

/** One gate per host, created on first use with the defaults or the host's override. */
export class HostGates {
  private readonly gates = new Map<string, HostGate>();

  constructor(
    private readonly defaults: HostLimits,
    private readonly overrides: Record<string, Partial<HostLimits>>,
    private readonly clock: Clock,
  ) {}

  for(host: string): HostGate {
    let gate = this.gates.get(host);
    if (!gate) {
      gate = new HostGate({ ...this.defaults, ...this.overrides[host] }, this.clock);
      this.gates.set(host, gate);
    }
    return gate;
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.gates].map(([host, gate]) => [host, gate.requests]));
  }
}
