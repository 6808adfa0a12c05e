import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

// WebAuthn credentials ("passkeys"): a second factor and a sign-in method that a phishing page or a
// lapsed mail domain cannot beat, because the browser binds each one to this site's origin. Only the
// public key is stored. `users.passkey_count` follows this table by trigger (migration 0017), so the
// staff lists filter on a column of users instead of a subquery per row.
export const passkeys = pgTable(
  'passkeys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id, base64url, as the authenticator reports it in every assertion. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key. */
    publicKey: bytea('public_key').notNull(),
    /** The signature counter last accepted: an assertion at or below it (unless both are 0) is a clone. */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    /** 'singleDevice' (a security key) or 'multiDevice' (synced by a password manager or platform). */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    /** The authenticator model's AAGUID (all zeros when it does not say). */
    aaguid: text('aaguid').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('passkeys_credential_key').on(t.credentialId),
    index('passkeys_user_idx').on(t.userId, t.createdAt),
    check('passkeys_name_length', sql`char_length(${t.name}) between 1 and 60`),
  ],
);

export type Passkey = typeof passkeys.$inferSelect;
