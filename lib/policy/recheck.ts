import { DAY_MS, isFarFuture } from '@/lib/domains/dates';
import type { Stage } from '@/core/domains';
import { nextReminderAt } from '@/lib/policy/reminders';
import type { PolicySettings } from '@/lib/policy/settings';

// When to look at a domain again: rarely while it is far from expiry (waking when the warning window
// opens), daily once it nears expiry or lapses, at each reminder step (reminders.ts), and with
// exponential back-off while its sources fail (so an outage does not turn into a retry storm against
// a registry that is already struggling).

const MINUTE_MS = 60_000;

export interface RecheckInput {
  stage: Stage;
  expiresAt: Date | null;
  now: Date;
  /** Checks in a row whose sources all failed (0 after a successful check). */
  consecutiveFailures: number;
}

export function nextCheckAt(
  input: RecheckInput,
  settings: Pick<PolicySettings, 'recheck' | 'warningWindowDays'>,
): Date {
  const { stage, expiresAt, now, consecutiveFailures } = input;
  const r = settings.recheck;
  const after = (ms: number) => new Date(now.getTime() + ms);

  if (consecutiveFailures > 0) {
    const exponent = Math.min(consecutiveFailures - 1, 30);
    return after(Math.min(r.errorBackoffBaseMinutes * 2 ** exponent, r.errorBackoffMaxMinutes) * MINUTE_MS);
  }
  if (stage === 'expiring') {
    // Daily in the window, and exactly when the next reminder step (7 days, 1 day before) begins,
    // so each calendar notice goes out on its day whatever the cadence is set to.
    const near = after(r.nearExpiryDays * DAY_MS);
    const step =
      expiresAt && !isFarFuture(expiresAt) ? nextReminderAt(expiresAt, now, settings.warningWindowDays) : null;
    return step && step.getTime() < near.getTime() ? step : near;
  }
  if (stage !== 'active' && stage !== 'unknown') return after(r.lapsingDays * DAY_MS);

  const far = after(r.farDays * DAY_MS);
  if (expiresAt === null || isFarFuture(expiresAt)) return far;
  // Wake up when the warning window opens rather than up to farDays after it.
  const windowOpens = new Date(expiresAt.getTime() - settings.warningWindowDays * DAY_MS);
  // Inside the window already: the near-expiry cadence. Otherwise wake exactly when it opens, even
  // if that is sooner than the near cadence (bench:schedule found 3% of openings seen a day late).
  if (windowOpens.getTime() <= now.getTime()) return after(r.nearExpiryDays * DAY_MS);
  return windowOpens.getTime() < far.getTime() ? windowOpens : far;
}
