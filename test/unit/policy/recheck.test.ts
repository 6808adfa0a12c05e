import { describe, expect, it } from 'vitest';
import type { Stage } from '@/core/domains';
import { nextCheckAt } from '@/lib/policy/recheck';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';

const NOW = new Date('2026-01-15T12:00:00Z');
const DAY = 86_400_000;
const next = (stage: Stage, expiresAt: Date | null, consecutiveFailures = 0) =>
  nextCheckAt({ stage, expiresAt, now: NOW, consecutiveFailures }, DEFAULT_POLICY_SETTINGS).getTime() - NOW.getTime();

describe('nextCheckAt', () => {
  it('checks far-off domains every 30 days', () => {
    expect(next('active', new Date(NOW.getTime() + 400 * DAY))).toBe(30 * DAY);
    expect(next('active', null)).toBe(30 * DAY);
    expect(next('active', new Date(8.64e15))).toBe(30 * DAY);
  });

  it('wakes up when the warning window opens', () => {
    expect(next('active', new Date(NOW.getTime() + 40 * DAY))).toBe(10 * DAY);
    // Even when it opens sooner than a day from now: otherwise that opening is seen up to a day late.
    expect(next('active', new Date(NOW.getTime() + 30.5 * DAY))).toBe(0.5 * DAY);
    // Already open: the daily near-expiry cadence.
    expect(next('active', new Date(NOW.getTime() + 29 * DAY))).toBe(1 * DAY);
  });

  it.each<Stage>(['expiring', 'grace', 'redemption', 'pending_delete', 'available', 're_registered'])(
    'checks %s daily',
    (stage) => {
      expect(next(stage, null)).toBe(DAY);
    },
  );

  it('wakes an expiring domain when its 7-day and 1-day reminders begin, even between daily checks', () => {
    // 7.5 days left: the 7-day step begins in half a day, sooner than the daily check.
    expect(next('expiring', new Date(NOW.getTime() + 7.5 * DAY))).toBe(0.5 * DAY);
    expect(next('expiring', new Date(NOW.getTime() + 1.25 * DAY))).toBe(0.25 * DAY);
    // 20 days left: the daily cadence comes first.
    expect(next('expiring', new Date(NOW.getTime() + 20 * DAY))).toBe(DAY);
    // With a weekly cadence the steps still come on their day.
    const weekly = { ...DEFAULT_POLICY_SETTINGS, recheck: { ...DEFAULT_POLICY_SETTINGS.recheck, nearExpiryDays: 7 } };
    const at = (expiresInDays: number) =>
      nextCheckAt(
        {
          stage: 'expiring',
          expiresAt: new Date(NOW.getTime() + expiresInDays * DAY),
          now: NOW,
          consecutiveFailures: 0,
        },
        weekly,
      ).getTime() - NOW.getTime();
    expect(at(12)).toBe(5 * DAY);
    expect(at(6)).toBe(5 * DAY);
    expect(at(0.5)).toBe(7 * DAY);
  });

  it('backs off exponentially after failures, capped at a day', () => {
    expect([1, 2, 3, 4, 5, 6, 60].map((n) => next('unknown', null, n) / 60_000)).toEqual([
      60, 120, 240, 480, 960, 1440, 1440,
    ]);
  });
});
