import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

// A fresh proof of identity (password or second factor) given in one signed-in session, like
// GitHub's sudo mode: recovery changes need one from the last few minutes. Keyed by the session's
// id (a random claim in the session token), so a proof in the owner's browser does not lend itself
// to a session stolen elsewhere.
export const stepUps = pgTable(
  'step_ups',
  {
    sessionId: text('session_id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    provedAt: timestamp('proved_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('step_ups_user_idx').on(t.userId)],
);

export type StepUp = typeof stepUps.$inferSelect;
