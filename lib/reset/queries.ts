import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { DbOrTx } from '@/db/connect';
import { resetAttempts, users } from '@/db/schema';
import { peekToken } from '@/lib/tokens/consume';
import type { ResetOutcome } from './schemas';

export interface ResetAttemptRow {
  id: number;
  input: string;
  userId: number | null;
  username: string | null;
  outcome: ResetOutcome;
  sentTo: string[];
  clientIp: string | null;
  at: string;
}

/** Password-reset requests, newest first: one user's (the user's admin page, their account page) or all. */
export async function listResetAttempts(
  db: DbOrTx,
  options: { userId?: number; limit?: number } = {},
): Promise<ResetAttemptRow[]> {
  const rows = await db
    .select({
      id: resetAttempts.id,
      input: resetAttempts.input,
      userId: resetAttempts.userId,
      username: users.username,
      outcome: resetAttempts.outcome,
      sentTo: resetAttempts.sentTo,
      clientIp: resetAttempts.clientIp,
      at: resetAttempts.at,
    })
    .from(resetAttempts)
    .leftJoin(users, eq(users.id, resetAttempts.userId))
    .where(options.userId === undefined ? undefined : eq(resetAttempts.userId, options.userId))
    .orderBy(desc(resetAttempts.at), desc(resetAttempts.id))
    .limit(options.limit ?? 50);
  return rows.map((r) => ({
    ...r,
    outcome: r.outcome as ResetOutcome,
    sentTo: r.sentTo ?? [],
    at: r.at.toISOString(),
  }));
}

/**
 * Whether a reset link still works, for the anonymous page that opens it. Looked at, not used: mail
 * scanners open links, and only the form's POST spends the token. No session, so no pageContext:
 * the database comes from here, not from the page.
 */
export async function resetLinkIsLive(token: string, now: Date): Promise<boolean> {
  return (await peekToken(getDb(), 'reset_password', token, now)) !== null;
}
