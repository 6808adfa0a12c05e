import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { webauthnChallenges } from '@/db/schema';

// One challenge per ceremony, stored server-side: the browser only ever echoes it back signed.

/** Long enough for a person to find a security key and touch it; the browser's own timeout is 2 minutes. */
export const CHALLENGE_TTL_SECONDS = 3 * 60;
export const CEREMONY_TIMEOUT_MS = 2 * 60_000;

export type ChallengePurpose = 'register' | 'sign_in' | 'second_factor' | 'step_up';

export interface ChallengeClaim {
  purpose: ChallengePurpose;
  /** The account the ceremony is for; null when it is a sign-in with a passkey alone. */
  userId: number | null;
  /** The session id, or the sign-in binding's hash. */
  boundTo: string;
}

export async function storeChallenge(db: DbOrTx, claim: ChallengeClaim & { challenge: string; now: Date }) {
  await db.insert(webauthnChallenges).values({
    challenge: claim.challenge,
    purpose: claim.purpose,
    userId: claim.userId,
    boundTo: claim.boundTo,
    expiresAt: new Date(claim.now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
  });
}

/**
 * Spends the challenge if it was issued for this purpose, account and session or browser, and has
 * not expired: one delete, so of two answers racing with the same challenge only one gets it.
 */
export async function consumeChallenge(
  db: DbOrTx,
  claim: ChallengeClaim & { challenge: string; now: Date },
): Promise<boolean> {
  if (claim.challenge.length === 0 || claim.challenge.length > 200) return false;
  const rows = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, claim.challenge),
        eq(webauthnChallenges.purpose, claim.purpose),
        eq(webauthnChallenges.boundTo, claim.boundTo),
        claim.userId === null ? isNull(webauthnChallenges.userId) : eq(webauthnChallenges.userId, claim.userId),
        gt(webauthnChallenges.expiresAt, sql`${claim.now.toISOString()}::timestamptz`),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge });
  return rows.length === 1;
}

/** The challenge a browser's answer claims to sign (from its clientDataJSON), or '' if unreadable. */
export function claimedChallenge(clientDataJSON: string): string {
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON);
    return typeof challenge === 'string' ? challenge : '';
  } catch {
    return '';
  }
}
