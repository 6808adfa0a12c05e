import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    // Stored lower-cased so uniqueness and login ignore case.
    username: text('username').notNull(),
    role: roleEnum('role').notNull().default('user'),
    // scrypt, self-describing: scrypt$N$r$p$salt$hash (base64url)
    passwordHash: text('password_hash').notNull(),
    // AES-256-GCM ciphertext (iv.tag.data, base64url); the key never sits in the database.
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    // Last accepted TOTP time step: a code cannot be replayed within its window.
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    // Passkeys registered (db/schema/passkeys.ts), kept by a trigger: a phishing-resistant factor.
    passkeyCount: integer('passkey_count').notNull().default(0),
    recoveryCodeHashes: text('recovery_code_hashes').array().notNull().default(sql`'{}'::text[]`),
    // Bumped by a password reset (or a role change): sessions signed in before it end at their next
    // request, including an attacker's who reset the password from a hijacked mailbox.
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * An account the registry keeps and syncs here (POST /api/v1/accounts:sync): it cannot sign in to
     * Gravekeeper, and only the sync changes it. A sync never touches an account made here.
     */
    synced: boolean('synced').notNull().default(false),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    // The staff list pages by (created_at, id), newest first; a role or 2FA filter keeps that order
    // within its own range (the role index also answers `role = …` alone).
    index('users_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('users_role_created_idx').on(t.role, t.createdAt.desc(), t.id.desc()),
    index('users_totp_created_idx').on(t.totpEnabled, t.createdAt.desc(), t.id.desc()),
    // "2FA on" means an app or a passkey: the OR cannot use the index above, this one matches it.
    index('users_second_factor_created_idx')
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`${t.totpEnabled} or ${t.passkeyCount} > 0`),
    // Staff search usernames and names by any fragment (pg_trgm, created in the migration).
    index('users_username_trgm_idx').using('gin', t.username.op('gin_trgm_ops')),
    index('users_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export type User = typeof users.$inferSelect;
