import { describe, expect, it } from 'vitest';
import type { Segment } from '@/scripts/bench-schedule/lifecycle';
import { clockFor, DAY_MS, type RunConfig } from '@/scripts/bench-schedule/model';
import { simulatePypi } from '@/scripts/bench-schedule/pypi';
import { buildRegistry } from '@/scripts/bench-schedule/registry';

// bench:schedule's PyPI follows warehouse's code: a failed lookup is retried about 7 days later, a
// good one after 30; at most 1,000 rows a day; the unverify rule fires on healthy domains only
// through 'unknown' / 'undelegated' words, and every such unverification is counted as false.

const registry = buildRegistry(100, 7);
const config = (failRate: number): RunConfig => ({ domains: 100, seed: 7, days: 210, failRate });
const clock = clockFor(config(0));
const allActive: Segment[][] = Array.from({ length: 100 }, () => [
  { from: clock.importAt - 400 * DAY_MS, stage: 'active', expiresAt: clock.end + 400 * DAY_MS, cause: 'initial' },
]);

describe('PyPI model', () => {
  // At a daily batch a row is due only once strictly older than 30 days (its time was set a moment
  // after the batch began), so a good row comes back after 31 days and a failed one after 8.
  it('checks a good row every 31 days and a failed row again after 8', () => {
    const rows = registry.emails;
    expect(rows).toBeLessThan(7 * 1000); // the daily cap never binds here
    const good = simulatePypi(registry, allActive, clock, config(0)).calls / 210;
    const failing = simulatePypi(registry, allActive, clock, config(0.999999)).calls / 210;
    expect(good).toBeCloseTo(rows / 31, -1);
    expect(failing).toBeCloseTo(rows / 8, -1);
  });

  it('never checks more than 1,000 rows a day', () => {
    const big = buildRegistry(20_000, 7);
    const run = simulatePypi(
      big,
      Array.from({ length: 20_000 }, () => allActive[0]!),
      clock,
      config(0.01),
    );
    expect(run.calls).toBe(1000 * 210);
  });

  it('on domains their owners hold, every unverification is a false one', () => {
    const run = simulatePypi(registry, allActive, clock, config(0));
    expect(run.unverified).toBeGreaterThan(0);
    expect(run.falseUnverified).toBe(run.unverified);
  });
});
