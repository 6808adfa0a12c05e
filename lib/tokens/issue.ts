import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { tokens } from '@/db/schema';
import type { TOKEN_PURPOSES } from '@/db/schema/enums';
import { hashToken, newToken } from './hash';

export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** How long a link works. A reset link is short-lived: it is the key to the account. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
};

export interface IssuedToken {
  id: number;
  /** The secret for the link. It exists only in this return value and in the sealed mail payload. */
  token: string;
  expiresAt: Date;
}

/** Stores a new single-use token (its hash) for a user, optionally bound to one address. */
export async function issueToken(
  tx: DbOrTx,
  input: { purpose: TokenPurpose; userId: number; emailId: number | null },
  now: Date = new Date(),
): Promise<IssuedToken> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]);
  const [row] = await tx
    .insert(tokens)
    .values({
      purpose: input.purpose,
      tokenHash: hashToken(token),
      userId: input.userId,
      emailId: input.emailId,
      expiresAt,
      createdAt: now,
    })
    .returning({ id: tokens.id });
  if (!row) throw new Error('token insert returned nothing');
  return { id: row.id, token, expiresAt };
}

/** Marks every unused token of a purpose as used (a new verification link replaces the old one; a reset ends all). */
export async function revokeTokens(
  tx: DbOrTx,
  where: { purpose: TokenPurpose; userId: number; emailId?: number },
  now: Date = new Date(),
): Promise<number> {
  const rows = await tx
    .update(tokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(tokens.purpose, where.purpose),
        eq(tokens.userId, where.userId),
        where.emailId === undefined ? undefined : eq(tokens.emailId, where.emailId),
        isNull(tokens.usedAt),
      ),
    )
    .returning({ id: tokens.id });
  return rows.length;
}
