import type { Clock } from '@/lib/domains/host-limiter';
import type { HttpClient } from '@/lib/domains/http';

// Discrete-event time for the client's clock: it moves only between event-loop turns, to the earliest
// timer. Real I/O (the local server) does not depend on it, so every start the gate schedules lands
// exactly on its slot, and no test measures real elapsed time.
export function virtualClock() {
  const timers: { at: number; resolve: () => void }[] = [];
  const clock: Clock & { t: number } = {
    t: 0,
    now: () => clock.t,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: clock.t + ms, resolve })),
  };
  async function run<T>(work: Promise<T>, onTurn?: () => void): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((r) => setImmediate(r));
      onTurn?.(); // before time moves: whatever started in this turn started at clock.t
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next) {
        clock.t = Math.max(clock.t, next.at);
        next.resolve();
      }
    }
    onTurn?.();
    return result;
  }
  return { clock, run };
}

/** The virtual time of each request the client sent (to `host`, or to any host), recorded turn by turn. */
export function startsOf(http: HttpClient, clock: Clock, host?: string) {
  const sent = () => {
    const counts = http.requestCounts();
    return host ? (counts[host] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  };
  let seen = sent();
  const at: number[] = [];
  return {
    at,
    record: () => {
      for (const n = sent(); seen < n; seen += 1) at.push(clock.now());
    },
  };
}
