import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { scanKindEnum, scanStateEnum } from './enums';
import { users } from './users';

export interface ScanCounters {
  domainsChecked: number;
  /** Verified addresses on the domains checked: the base of the blast-radius share. */
  verifiedAddressesChecked?: number;
  /** Unverifications the blast-radius guard held back as pending_review flags. */
  flagsHeldForReview?: number;
  domainsChanged: number;
  domainsErrored: number;
  addressesUnverified: number;
  flagsOpened: number;
  flagsResolved: number;
  notificationsQueued: number;
}

export const scans = pgTable(
  'scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: scanKindEnum('kind').notNull(),
    // Who or what asked: 'schedule', 'dashboard', 'cli', 'verification'.
    trigger: text('trigger').notNull(),
    // The domain, address or username a targeted scan covers.
    target: text('target'),
    requestedBy: bigint('requested_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    state: scanStateEnum('state').notNull().default('queued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    total: integer('total').notNull().default(0),
    checked: integer('checked').notNull().default(0),
    counters: jsonb('counters')
      .$type<ScanCounters>()
      .notNull()
      .default(
        sql`'{"domainsChecked":0,"domainsChanged":0,"domainsErrored":0,"addressesUnverified":0,"flagsOpened":0,"flagsResolved":0,"notificationsQueued":0}'::jsonb`,
      ),
    error: text('error'),
    // Last sign of life from the worker running it; a stale one gets the scan picked up again.
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    // Set once this scan would have unverified more than the blast-radius guard allows.
    guardTripped: boolean('guard_tripped').notNull().default(false),
  },
  (t) => [
    index('scans_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('scans_state_idx').on(t.state),
    // Two full scans never run at once: the database refuses the second.
    uniqueIndex('scans_one_active_full')
      .on(t.kind)
      .where(sql`${t.kind} = 'full' and ${t.state} in ('queued', 'running')`),
    uniqueIndex('scans_one_active_scheduled')
      .on(t.kind)
      .where(sql`${t.kind} = 'scheduled' and ${t.state} in ('queued', 'running')`),
  ],
);

export type Scan = typeof scans.$inferSelect;
