import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Failed sign-ins per username (from clients without a device cookie) and per device cookie, each
// raising a growing delay (lib/rate-limit/backoff.ts). Kept apart from rate_limits: those are fixed
// windows that reset on their own, these count consecutive failures until a success or a quiet day.
export const loginThrottles = pgTable('login_throttles', {
  // `user:<typed username>` (known or not: unknown names are throttled alike) or `device:<nonce>`.
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  // No attempt is even checked before this instant (the password is not looked at).
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
