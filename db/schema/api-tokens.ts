import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

// Tokens a registry's own systems use to call the integration API (/api/v1). Only a SHA-256 of the
// token is stored (it is 32 random bytes: a slow hash adds nothing), so a database leak hands out
// no working token; the admin sees the token once, when it is created. `prefix` (the first
// characters) lets the list tell tokens apart. Revoked tokens stay, for the audit trail.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** Of API_SCOPES: sync, eligibility, read. */
    scopes: text('scopes').array().notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute per token: a busy token must not turn every call into a write. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: bigint('revoked_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    check(
      'api_tokens_scopes_valid',
      sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array['sync', 'eligibility', 'read']::text[]`,
    ),
  ],
);
