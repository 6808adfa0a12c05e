import { DAY_MS } from '@/lib/domains/dates';

// The "domain expiring soon" notice follows the owner's calendar: one when the warning window opens
// (30 days before the stated expiry by default), one a week before, one the day before. Each goes
// once, keyed by the domain, the expiry date and the step; a renewal moves the expiry and re-arms
// all three. The recheck schedule (recheck.ts) wakes the domain at each step so none is late.

/** Days before expiry at which a reminder goes, besides the opening of the warning window. */
export const REMINDER_DAYS = [7, 1] as const;

/** The steps for a warning window, largest first: [30, 7, 1] by default; none beyond the window. */
export function reminderSteps(warningWindowDays: number): number[] {
  return [...new Set([warningWindowDays, ...REMINDER_DAYS])]
    .filter((d) => d > 0 && d <= warningWindowDays)
    .sort((a, b) => b - a);
}

/**
 * The step a check at `now` falls in: the smallest step that the days left have reached. A check
 * that comes late (first seen 5 days out) sends only the step it is in, not the ones it missed.
 */
export function reminderStep(expiresAt: Date, now: Date, warningWindowDays: number): number | null {
  const daysLeft = (expiresAt.getTime() - now.getTime()) / DAY_MS;
  const reached = reminderSteps(warningWindowDays).filter((step) => daysLeft <= step);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** When the next step begins after `now`, or null when none is left before the expiry. */
export function nextReminderAt(expiresAt: Date, now: Date, warningWindowDays: number): Date | null {
  const upcoming = reminderSteps(warningWindowDays)
    .map((step) => expiresAt.getTime() - step * DAY_MS)
    .filter((at) => at > now.getTime());
  return upcoming.length > 0 ? new Date(Math.min(...upcoming)) : null;
}

/** The notice's dedupe key: the domain, the expiry date (UTC day), the step, and the address told. */
export function reminderKey(domain: string, expiresAt: Date, step: number, emailId: number): string {
  return `domain_expiring:${domain}:${expiresAt.toISOString().slice(0, 10)}:${step}d:${emailId}`;
}
