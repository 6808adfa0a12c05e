import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { emails } from './emails';
import { notificationChannelEnum, notificationKindEnum, notificationStateEnum } from './enums';
import { users } from './users';

// The outbox: a row is written in the same transaction as the change that causes it, and the worker sends it.
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emailId: bigint('email_id', { mode: 'number' }).references(() => emails.id, { onDelete: 'set null' }),
    // The recipient address as sent (kept when the address row is later removed).
    address: text('address'),
    kind: notificationKindEnum('kind').notNull(),
    channel: notificationChannelEnum('channel').notNull(),
    // Retries and reruns reuse the key, so a notice is queued at most once.
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    state: notificationStateEnum('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt.desc()),
    // The sender polls only what is due.
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'queued'`),
    // The staff outbox lists mail newest first and pages by (created_at, id); a state or kind filter
    // keeps that order within its own range, so a deep page reads one index range instead of sorting.
    // Partial: in-app notices never show there.
    index('notifications_outbox_idx').on(t.createdAt.desc(), t.id.desc()).where(sql`${t.channel} = 'email'`),
    index('notifications_outbox_state_idx')
      .on(t.state, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.channel} = 'email'`),
    index('notifications_outbox_kind_idx')
      .on(t.kind, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.channel} = 'email'`),
    // Staff find a mail by any part of its recipient's address (pg_trgm).
    index('notifications_address_trgm_idx').using('gin', t.address.op('gin_trgm_ops')),
  ],
);

export type Notification = typeof notifications.$inferSelect;
