import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Policy and scheduling settings, one row per key; absent keys fall back to the defaults in lib/policy.
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: bigint('updated_by', { mode: 'number' }),
});
