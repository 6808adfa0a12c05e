import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { EvidenceItem, Timeline } from '@/core/domains';
import { stageEnum } from './enums';

export const domains = pgTable(
  'domains',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // Registrable domain in punycode, as on emails.domain.
    name: text('name').notNull(),
    stage: stageEnum('stage').notNull().default('unknown'),
    stageSince: timestamp('stage_since', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    // Registry object id (RDAP handle / EPP ROID): a change means a new registration.
    handle: text('handle'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    registrar: text('registrar'),
    timeline: jsonb('timeline').$type<Timeline>(),
    evidence: jsonb('evidence').$type<EvidenceItem[]>(),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    // A worker's lease while it checks the domain: no two checks of one domain at once, and a
    // worker that dies releases it when the lease runs out.
    checkingUntil: timestamp('checking_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('domains_name_key').on(t.name),
    // The scheduler's only question: which domains are due?
    index('domains_next_check_idx').on(t.nextCheckAt),
    index('domains_stage_idx').on(t.stage),
  ],
);

export type Domain = typeof domains.$inferSelect;
