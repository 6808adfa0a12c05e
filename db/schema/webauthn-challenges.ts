import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

// Challenges handed to the browser for a WebAuthn ceremony. Single use (the check deletes the row it
// accepts) and short-lived; each names who may answer it: the signed-in session that asked to
// register a passkey or to prove itself, or the browser (a hash of its HttpOnly sign-in binding
// cookie) that asked to sign in. Expired rows are removed by the hourly prune.
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    /** base64url, as it comes back in clientDataJSON. */
    challenge: text('challenge').primaryKey(),
    /** register | sign_in | second_factor | step_up */
    purpose: text('purpose').notNull(),
    /** The account the ceremony is for; null for a sign-in with a passkey alone (discoverable). */
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    /** The session id (register, step_up) or the sign-in binding's hash (sign_in, second_factor). */
    boundTo: text('bound_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

export type WebauthnChallenge = typeof webauthnChallenges.$inferSelect;
