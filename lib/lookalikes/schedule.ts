import type { Stage } from '@/core/domains';
import { DAY_MS } from '@/lib/domains/dates';

// How often a look-alike candidate is checked. Most candidates are never registered, so they are
// looked at weekly; a registration seen within the last NEW_REGISTRATION_DAYS is checked daily,
// because that is when a phishing domain gets its MX and its page (pypj.org mailed within days).

export const UNREGISTERED_EVERY_DAYS = 7;
export const NEW_REGISTRATION_EVERY_DAYS = 1;
export const SETTLED_EVERY_DAYS = 7;
export const NEW_REGISTRATION_DAYS = 30;

/** Every stage in which somebody holds the name (a lapsing registration is still a registration). */
export const HELD_STAGES: readonly Stage[] = [
  'active',
  'expiring',
  'grace',
  'redemption',
  'pending_delete',
  're_registered',
];

export const isHeld = (stage: Stage) => HELD_STAGES.includes(stage);

/** The candidate's own cadence; the domain's row takes the sooner of this and the usual schedule. */
export function lookalikeNextCheckAt(input: { registered: boolean; registeredSeenAt: Date | null; now: Date }): Date {
  const { registered, registeredSeenAt, now } = input;
  const fresh =
    registered &&
    registeredSeenAt !== null &&
    now.getTime() - registeredSeenAt.getTime() < NEW_REGISTRATION_DAYS * DAY_MS;
  const days = !registered ? UNREGISTERED_EVERY_DAYS : fresh ? NEW_REGISTRATION_EVERY_DAYS : SETTLED_EVERY_DAYS;
  return new Date(now.getTime() + days * DAY_MS);
}
