import { AsyncLocalStorage } from 'node:async_hooks';

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

/**
 * One send budget per host shared with other processes (lib/budget/provider-budget.ts keeps it in
 * PostgreSQL): with it, a gate asks the budget for each start instead of spacing on its own, so any
 * number of workers together keep the host's rate.
 */
export interface SharedBudget {
  /** Resolves when one request to `host` may start; `urgent` waiters are served first. */
  slot(host: string, requestsPerSecond: number, urgent: boolean): Promise<void>;
  /** The host said to back off (429 / Retry-After): every process holds for `ms`. */
  pause(host: string, ms: number): void;
}

// On-demand checks ("Rescan now") run inside this context: their requests take the next free
// concurrency place and send slot before any scheduled or full-scan request waiting for the host.
const lane = new AsyncLocalStorage<'urgent'>();
export function inUrgentLane<T>(fn: () => Promise<T>): Promise<T> {
  return lane.run('urgent', fn);
}
export const isUrgent = (): boolean => lane.getStore() === 'urgent';

export const DEFAULT_HOST_LIMITS: HostLimits = { concurrency: 4, requestsPerSecond: 5 };

/** A concurrency limit whose queue serves urgent callers first (FIFO within each lane). */
class PriorityLimit {
  activeCount = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(urgent: boolean, fn: () => Promise<T>): Promise<T> {
    if (this.activeCount >= this.max)
      await new Promise<void>((resolve) => (urgent ? this.urgent : this.normal).push(resolve));
    else this.activeCount += 1;
    try {
      return await fn();
    } finally {
      const next = this.urgent.shift() ?? this.normal.shift();
      // The place passes straight to the next waiter, so the count stays as it is.
      if (next) next();
      else this.activeCount -= 1;
    }
  }
}

export class HostGate {
  private readonly limit: PriorityLimit;
  private readonly intervalMs: number;
  private nextSlotAt = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private readonly shared?: { budget: SharedBudget; host: string };
  /** Requests actually sent (each retry counts). */
  requests = 0;

  constructor(
    readonly limits: HostLimits,
    private readonly clock: Clock,
    shared?: { budget: SharedBudget; host: string },
  ) {
    // A host without a rate (0 or Infinity: unlimited, e.g. a local server) needs no shared budget.
    const rps = limits.requestsPerSecond;
    this.shared = rps > 0 && Number.isFinite(rps) ? shared : undefined;
    this.limit = new PriorityLimit(Math.max(1, Math.floor(limits.concurrency)));
    this.intervalMs = rps > 0 && Number.isFinite(rps) ? 1000 / rps : 0;
  }

  /** Runs one request attempt inside the host's concurrency and spacing limits. */
  run<T>(attempt: () => Promise<T>): Promise<T> {
    const urgent = isUrgent();
    return this.limit.run(urgent, async () => {
      if (this.shared) await this.shared.budget.slot(this.shared.host, this.limits.requestsPerSecond, urgent);
      else await this.waitForSlot();
      this.requests += 1;
      return attempt();
    });
  }

  /** Holds every request to this host, e.g. after a 429 with Retry-After: the whole host is throttled, not one URL. */
  pause(ms: number): void {
    if (ms <= 0) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.shared?.budget.pause(this.shared.host, ms);
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
    private readonly budget?: SharedBudget,
  ) {}

  for(host: string): HostGate {
    let gate = this.gates.get(host);
    if (!gate) {
      const shared = this.budget ? { budget: this.budget, host } : undefined;
      gate = new HostGate({ ...this.defaults, ...this.overrides[host] }, this.clock, shared);
      this.gates.set(host, gate);
    }
    return gate;
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.gates].map(([host, gate]) => [host, gate.requests]));
  }
}
