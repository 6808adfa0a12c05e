import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { EvidenceItem } from '@/core/domains';
import { observationSourceEnum, stageEnum } from './enums';
import { domains } from './domains';
import { scans } from './scans';

// One row per source per check: the domain's lifecycle timeline, as each source saw it.
export const domainObservations = pgTable(
  'domain_observations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    domainId: bigint('domain_id', { mode: 'number' })
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    scanId: bigint('scan_id', { mode: 'number' }).references(() => scans.id, { onDelete: 'set null' }),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull().defaultNow(),
    source: observationSourceEnum('source').notNull(),
    statusWords: text('status_words').array(),
    // The stage classified from all sources of this check (the same on each source's row).
    parsedStage: stageEnum('parsed_stage'),
    handle: text('handle'),
    registrar: text('registrar'),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    deletionAt: timestamp('deletion_at', { withTimezone: true }),
    evidence: jsonb('evidence').$type<EvidenceItem[]>(),
    error: text('error'),
    latencyMs: integer('latency_ms'),
  },
  (t) => [
    index('observations_domain_time_idx').on(t.domainId, t.observedAt.desc()),
    index('observations_scan_idx').on(t.scanId),
    // Source health on the overview reads the last day by time.
    index('observations_time_source_idx').on(t.observedAt, t.source),
  ],
);

export type DomainObservation = typeof domainObservations.$inferSelect;
