import { bigint, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Every sign-in attempt's outcome (never the password): the owner sees their own on /account, staff
// on the user's page. Pruned like reset_attempts (lib/auth/sign-in-events.ts), since a stranger
// spraying the form adds rows. No foreign key: like the audit log, the record outlives the account.
export const signInEvents = pgTable(
  'sign_in_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // The username as typed, normalised. Kept for staff: an unknown name tried many times is a probe.
    username: text('username').notNull(),
    // Set only when the username named an account at the time; an unknown name stays null for good,
    // so failures for a name nobody had are never shown to whoever registers it later.
    userId: bigint('user_id', { mode: 'number' }),
    // signed_in | wrong_password | unknown_user | wrong_code | ticket_refused | throttled | rate_limited
    outcome: text('outcome').notNull(),
    clientIp: text('client_ip'),
    // The browser presented a valid device cookie for this username (it signed in here before).
    knownDevice: boolean('known_device').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_events_user_idx').on(t.userId, t.at.desc(), t.id.desc()),
    index('sign_in_events_at_idx').on(t.at),
  ],
);

export type SignInEvent = typeof signInEvents.$inferSelect;
