import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { overrideDecisionEnum } from './enums';
import { flags } from './flags';
import { users } from './users';

export const overrides = pgTable(
  'overrides',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    flagId: bigint('flag_id', { mode: 'number' })
      .notNull()
      .references(() => flags.id, { onDelete: 'cascade' }),
    overriddenBy: bigint('overridden_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    decision: overrideDecisionEnum('decision').notNull(),
    reason: text('reason').notNull(),
    // After this moment the flag reopens if the domain's stage still warrants it.
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    overriddenAt: timestamp('overridden_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('overrides_flag_idx').on(t.flagId), index('overrides_expires_idx').on(t.expiresAt)],
);

export type Override = typeof overrides.$inferSelect;
