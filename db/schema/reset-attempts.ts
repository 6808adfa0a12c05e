import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Every password-reset request, whatever its outcome; shown on the user's admin page and the staff outbox.
export const resetAttempts = pgTable(
  'reset_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // What was typed, normalised; kept so staff can see an attacker probing a lapsed address.
    input: text('input').notNull(),
    userId: bigint('user_id', { mode: 'number' }),
    // sent | refused_unverified | refused_flagged | no_recovery_address | unknown_input | rate_limited
    outcome: text('outcome').notNull(),
    sentTo: text('sent_to').array(),
    clientIp: text('client_ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reset_attempts_user_idx').on(t.userId, t.at.desc()),
    // The staff list pages by (at, id), newest first; the same index answers the retention prune (at <).
    index('reset_attempts_at_id_idx').on(t.at.desc(), t.id.desc()),
    index('reset_attempts_outcome_at_idx').on(t.outcome, t.at.desc(), t.id.desc()),
    // Staff find a request by any part of what was typed (pg_trgm).
    index('reset_attempts_input_trgm_idx').using('gin', t.input.op('gin_trgm_ops')),
  ],
);
