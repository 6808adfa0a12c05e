import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { domains } from './domains';
import { emails } from './emails';
import { flagStateEnum, stageEnum } from './enums';
import { scans } from './scans';

export const flags = pgTable(
  'flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    emailId: bigint('email_id', { mode: 'number' })
      .notNull()
      .references(() => emails.id, { onDelete: 'cascade' }),
    domainId: bigint('domain_id', { mode: 'number' })
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    scanId: bigint('scan_id', { mode: 'number' }).references(() => scans.id, { onDelete: 'set null' }),
    stage: stageEnum('stage').notNull(),
    state: flagStateEnum('state').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
  },
  (t) => [
    // At most one live flag per address: a rerun of a scan cannot open a second one.
    uniqueIndex('flags_one_open_per_email').on(t.emailId).where(sql`${t.state} in ('open', 'pending_review')`),
    // The flags page sorts newest first and pages by (created_at, id).
    index('flags_state_created_idx').on(t.state, t.createdAt.desc(), t.id.desc()),
    index('flags_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('flags_domain_idx').on(t.domainId),
    index('flags_email_idx').on(t.emailId),
    index('flags_stage_state_idx').on(t.stage, t.state),
    // Flags page filters keep the page's order (created_at desc, id desc), so a filtered first page or
    // a deep cursor reads one index range instead of sorting every matching flag.
    index('flags_state_stage_created_idx').on(t.state, t.stage, t.createdAt.desc(), t.id.desc()),
    index('flags_stage_created_idx').on(t.stage, t.createdAt.desc(), t.id.desc()),
    index('flags_domain_created_idx').on(t.domainId, t.createdAt.desc(), t.id.desc()),
    // The overview's "resolved per day" chart; most flags stay open, so only the resolved ones are indexed.
    index('flags_resolved_idx').on(t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
  ],
);

export type Flag = typeof flags.$inferSelect;
