import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { tokens } from '@/db/schema';
import { hashToken, TOKEN_PATTERN } from './hash';
import type { TokenPurpose } from './issue';

export interface ValidToken {
  id: number;
  userId: number;
  emailId: number | null;
  expiresAt: Date;
}

const columns = { id: tokens.id, userId: tokens.userId, emailId: tokens.emailId, expiresAt: tokens.expiresAt };

function live(purpose: TokenPurpose, token: string, now: Date) {
  return and(
    eq(tokens.tokenHash, hashToken(token)),
    eq(tokens.purpose, purpose),
    isNull(tokens.usedAt),
    gt(tokens.expiresAt, now),
  );
}

/** Null for a malformed, unknown, used or expired token (one answer for all). */
type TokenLookup = (tx: DbOrTx, purpose: TokenPurpose, token: string, now?: Date) => Promise<ValidToken | null>;

/**
 * Uses a token once: one UPDATE that only matches an unused, unexpired token, so two concurrent
 * clicks cannot both succeed.
 */
export const consumeToken: TokenLookup = async (tx, purpose, token, now = new Date()) => {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await tx
    .update(tokens)
    .set({ usedAt: now })
    .where(live(purpose, token, now))
    .returning(columns);
  return row ?? null;
};

/** Whether a token would still work, without using it (a page can say "this link expired" before a form). */
export const peekToken: TokenLookup = async (tx, purpose, token, now = new Date()) => {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await tx
    .select(columns)
    .from(tokens)
    .where(live(purpose, token, now))
    .limit(1);
  return row ?? null;
};
