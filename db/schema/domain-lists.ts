import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { domainListEnum } from './enums';

// trusted: big providers whose domains cannot lapse in practice; never checked.
// blocked: domains that cannot be added as new addresses (e.g. disposable mail, known-lapsed).
export const domainLists = pgTable('domain_lists', {
  domain: text('domain').primaryKey(),
  list: domainListEnum('list').notNull(),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type DomainListEntry = typeof domainLists.$inferSelect;
