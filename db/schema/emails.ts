import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { unverifyReasonEnum } from './enums';
import { users } from './users';

export const emails = pgTable(
  'emails',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Lower-cased, domain part in punycode: one spelling per mailbox, so uniqueness holds across IDN forms.
    address: text('address').notNull(),
    // Registrable domain (public suffix list), punycode: the unit every check is made on.
    domain: text('domain').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    // Only verified addresses receive password resets; the engine flips this, never the other way.
    verified: boolean('verified').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    unverifyReason: unverifyReasonEnum('unverify_reason'),
    unverifiedAt: timestamp('unverified_at', { withTimezone: true }),
    useForRecovery: boolean('use_for_recovery').notNull().default(true),
    // The recovery cool-down: an address added or chosen for recovery receives no reset link before
    // this while the account has another verified recovery address, so a stolen session cannot
    // add its own address and reset the password at once. Null: no hold.
    recoveryHoldUntil: timestamp('recovery_hold_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('emails_address_key').on(t.address),
    index('emails_domain_idx').on(t.domain),
    index('emails_user_idx').on(t.userId),
    // One primary address per user.
    uniqueIndex('emails_one_primary_per_user').on(t.userId).where(sql`${t.isPrimary}`),
    // Staff search addresses by any fragment ("lapsed-exa"); a trigram index answers that without
    // reading every address (pg_trgm, created in the migration).
    index('emails_address_trgm_idx').using('gin', t.address.op('gin_trgm_ops')),
  ],
);

export type Email = typeof emails.$inferSelect;
