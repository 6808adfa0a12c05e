import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { type Clock, type SharedBudget, systemClock } from '@/lib/domains/host-limiter';

// One send budget per provider host for the whole deployment (table provider_budgets). A worker
// leases the next few send slots of a host in one atomic statement: the row hands out start times
// one interval apart, so the slots of all workers interleave and never overlap, and the database is
// asked once per lease (about LEASE_MS of sending), not once per request.
//
// Why no one-second window can hold more than the rate: slots are spaced at (rate − 1)/s (half the
// rate below 2/s) and a slot is used at most a quarter interval late (later ones are dropped, never
// bunched), so any second holds at most floor(rate − 1 + ¼) + 1 = rate starts, with three quarters of
// an interval to spare for delays between the send and the provider's clock (a loaded machine).
//
// The rate adapts: a 429 with Retry-After holds the host for every worker until then and cuts the
// granted rate (once per pause); it then grows back towards the configured ceiling. A worker that is
// told a ceiling above the provider's real limit therefore settles just under that limit.

const LEASE_MS = 200;
const LATE_SHARE = 0.25;
/** On a 429 the granted rate is multiplied by this, at most once per pause. */
const CUT = 0.7;
/** Growth per second, as a share of the ceiling. */
const GROWTH = 0.02;

interface Waiter {
  urgent: boolean;
  resolve: () => void;
}

interface HostState {
  slots: number[];
  intervalMs: number;
  pausedUntil: number;
  waiters: Waiter[];
  running: boolean;
}

export interface ProviderBudgetOptions {
  clock?: Clock;
  log?: (line: string) => void;
}

export class ProviderBudget implements SharedBudget {
  private readonly hosts = new Map<string, HostState>();
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  /** Leases taken (statements run): benchmarks and tests read it. */
  leases = 0;

  constructor(
    private readonly db: Db,
    options: ProviderBudgetOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => console.error(`[gravekeeper] ${line}`));
  }

  slot(host: string, requestsPerSecond: number, urgent: boolean): Promise<void> {
    const state = this.state(host);
    return new Promise<void>((resolve) => {
      // Urgent waiters go behind other urgent ones but ahead of every normal one.
      const at = urgent ? state.waiters.findIndex((w) => !w.urgent) : -1;
      if (at === -1) state.waiters.push({ urgent, resolve });
      else state.waiters.splice(at, 0, { urgent, resolve });
      void this.run(host, state, requestsPerSecond);
    });
  }

  pause(host: string, ms: number): void {
    const state = this.state(host);
    state.pausedUntil = Math.max(state.pausedUntil, this.clock.now() + ms);
    state.slots = [];
    this.db
      .execute(sql`
        with now as (select extract(epoch from clock_timestamp()) * 1000 as ms)
        update provider_budgets b set
          rate = case when b.paused_until_ms < now.ms then greatest(b.ceiling * 0.02, b.rate * ${CUT}) else b.rate end,
          rate_at_ms = greatest(b.rate_at_ms, now.ms + ${ms}),
          paused_until_ms = greatest(b.paused_until_ms, now.ms + ${ms}),
          next_slot_ms = greatest(b.next_slot_ms, now.ms + ${ms})
        from now where b.host = ${host}`)
      .catch((error) => this.log(`provider budget: could not pause ${host}: ${message(error)}`));
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { slots: [], intervalMs: 0, pausedUntil: 0, waiters: [], running: false };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Hands slots to waiters in order, leasing more when the local ones run out; one loop per host. */
  private async run(host: string, state: HostState, ceiling: number): Promise<void> {
    if (state.running) return;
    state.running = true;
    try {
      while (state.waiters.length > 0) {
        const slot = state.slots.shift();
        if (slot === undefined) {
          await this.lease(host, state, ceiling);
          continue;
        }
        const late = state.intervalMs * LATE_SHARE;
        if (slot < state.pausedUntil) continue;
        const wait = slot - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
        // A slot missed by more than a quarter interval is dropped: used late it would bunch with
        // the next worker's slot.
        if (this.clock.now() > slot + late || slot < state.pausedUntil) continue;
        // Taken after the sleep, so an urgent request that arrived meanwhile gets this slot.
        state.waiters.shift()?.resolve();
      }
    } finally {
      state.running = false;
    }
  }

  private async lease(host: string, state: HostState, ceiling: number): Promise<void> {
    const wanted = Math.max(1, Math.min(state.waiters.length, Math.ceil((ceiling * LEASE_MS) / 1000)));
    const sentAt = this.clock.now();
    let row: { delay_ms: number; interval_ms: number; paused_ms: number } | undefined;
    try {
      // One statement: the upsert's row lock serialises the leases of all workers. `grown` is the
      // rate after growing back towards the ceiling since its last change; slots are spaced at
      // (rate − 1)/s; the lease starts at the next free slot, now, or the end of a pause.
      const now = sql`extract(epoch from clock_timestamp()) * 1000`;
      const grown = sql`least(excluded.ceiling, p.rate + excluded.ceiling * ${GROWTH} * greatest(0, excluded.rate_at_ms - p.rate_at_ms) / 1000)`;
      const first = 1000 / Math.max(ceiling - 1, ceiling * 0.5);
      [row] = await this.db.execute<{ delay_ms: number; interval_ms: number; paused_ms: number }>(sql`
        with up as (
          insert into provider_budgets as p (host, ceiling, rate, rate_at_ms, next_slot_ms, paused_until_ms)
          values (${host}, ${ceiling}::float8, ${ceiling}::float8, ${now}, ${now} + ${wanted * first}::float8, 0)
          on conflict (host) do update set
            ceiling = excluded.ceiling,
            rate = ${grown},
            rate_at_ms = greatest(p.rate_at_ms, excluded.rate_at_ms),
            next_slot_ms = greatest(p.next_slot_ms, excluded.rate_at_ms, p.paused_until_ms)
              + ${wanted}::float8 * 1000 / greatest(${grown} - 1, ${grown} * 0.5)
          returning p.next_slot_ms, p.rate, p.paused_until_ms, ${now} as now_ms
        )
        select (next_slot_ms - ${wanted}::float8 * 1000 / greatest(rate - 1, rate * 0.5) - now_ms)::float8 as delay_ms,
               (1000 / greatest(rate - 1, rate * 0.5))::float8 as interval_ms,
               (paused_until_ms - now_ms)::float8 as paused_ms
        from up`);
      this.leases += 1;
    } catch (error) {
      // Without the database this worker paces itself at the ceiling (as before shared budgets)
      // rather than stalling every check; the next lease tries the database again.
      this.log(`provider budget: could not lease slots for ${host}, pacing locally: ${message(error)}`);
      state.intervalMs = 1000 / ceiling;
      state.slots.push(this.clock.now() + state.intervalMs);
      return;
    }
    if (!row) return;
    const base = sentAt + Number(row.delay_ms);
    state.intervalMs = Number(row.interval_ms);
    state.pausedUntil = Math.max(state.pausedUntil, sentAt + Number(row.paused_ms));
    for (let i = 0; i < wanted; i += 1) state.slots.push(base + i * state.intervalMs);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
