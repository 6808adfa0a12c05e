import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only (a trigger in the migration refuses UPDATE, DELETE and TRUNCATE). No foreign keys:
// the history must outlive the users, flags and domains it names.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorType: text('actor_type').$type<'user' | 'job' | 'cli' | 'system' | 'api' | 'anonymous'>().notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    // Username or job name as of the action, so renames do not rewrite history.
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_at_idx').on(t.at.desc(), t.id.desc()),
    index('audit_actor_idx').on(t.actorId, t.at.desc()),
    index('audit_action_idx').on(t.action, t.at.desc()),
    index('audit_target_idx').on(t.targetType, t.targetId, t.at.desc()),
    // The audit page filters by who acted as recorded (CLI and job actors have no actor_id).
    index('audit_actor_label_idx').on(t.actorLabel, t.at.desc()),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
