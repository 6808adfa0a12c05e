import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

// Where a registry wants to hear of changes (issue 13): an HTTPS endpoint, the events it takes, and
// the secret its deliveries are signed with (HMAC-SHA256). The secret must be read back to sign, so
// it is sealed with the sealing keys (as TOTP secrets are), never stored in the clear; the admin
// sees it once. Removing an endpoint keeps the row (and its delivery log) with `removed_at`.
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  url: text('url').notNull(),
  /** Of WEBHOOK_EVENTS. */
  events: text('events').array().notNull(),
  secretEnc: text('secret_enc').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  removedAt: timestamp('removed_at', { withTimezone: true }),
});
