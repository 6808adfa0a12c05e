import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { DbOrTx } from '@/db/connect';
import { resetAttempts, users } from '@/db/schema';
import { containsPattern, dateRangeSql } from '@/lib/pagination/filters';
import { cursorText, type KeysetPage, keysetOf, toKeysetPage } from '@/lib/pagination/keyset';
import { peekToken } from '@/lib/tokens/consume';
import type { ResetOutcome } from './schemas';
import { RESETS_PAGE_SIZE, type ResetSearch } from './search';

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

export type ResetAttemptPage = KeysetPage<ResetAttemptRow>;

const columns = {
  id: resetAttempts.id,
  input: resetAttempts.input,
  userId: resetAttempts.userId,
  username: users.username,
  outcome: resetAttempts.outcome,
  sentTo: resetAttempts.sentTo,
  clientIp: resetAttempts.clientIp,
  at: resetAttempts.at,
};

const present = <R extends { outcome: string; sentTo: string[] | null; at: Date }>({
  outcome,
  sentTo,
  at,
  ...r
}: R) => ({
  ...r,
  outcome: outcome as ResetOutcome,
  sentTo: sentTo ?? [],
  at: at.toISOString(),
});

/** One user's latest password-reset requests (their admin page, their account page), newest first. */
export async function listResetAttempts(
  db: DbOrTx,
  options: { userId: number; limit: number },
): Promise<ResetAttemptRow[]> {
  const rows = await db
    .select(columns)
    .from(resetAttempts)
    .leftJoin(users, eq(users.id, resetAttempts.userId))
    .where(eq(resetAttempts.userId, options.userId))
    .orderBy(desc(resetAttempts.at), desc(resetAttempts.id))
    .limit(options.limit);
  return rows.map(present);
}

function filters(search: ResetSearch): SQL[] {
  // Any part of what was typed (an address or a username): the trigram index on reset_attempts.input.
  const where = dateRangeSql(resetAttempts.at, search);
  if (search.q) where.push(sql`${resetAttempts.input} ilike ${containsPattern(search.q)}`);
  if (search.outcome) where.push(eq(resetAttempts.outcome, search.outcome));
  return where;
}

/** The page query (not yet run): listResetAttemptsPage runs it, the plan test reads its EXPLAIN. */
export function resetAttemptsPageQuery(db: DbOrTx, search: ResetSearch, pageSize = RESETS_PAGE_SIZE) {
  const keyset = keysetOf({ at: resetAttempts.at, id: resetAttempts.id }, search);
  const where = filters(search);
  if (keyset.after) where.push(keyset.after);
  const query = db
    .select({ ...columns, cursorAt: cursorText(resetAttempts.at) })
    .from(resetAttempts)
    .leftJoin(users, eq(users.id, resetAttempts.userId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(...keyset.orderBy)
    .limit(pageSize + 1);
  return { keyset, query };
}

/** Every password-reset request, one keyset page, newest (or oldest) first: the staff outbox page. */
export async function listResetAttemptsPage(
  db: DbOrTx,
  search: ResetSearch,
  pageSize = RESETS_PAGE_SIZE,
): Promise<ResetAttemptPage> {
  const { keyset, query } = resetAttemptsPageQuery(db, search, pageSize);
  return toKeysetPage(await query, keyset, pageSize, ({ cursorAt: _c, ...row }) => present(row));
}

/**
 * Whether a reset link still works, for the anonymous page that opens it. Looked at, not used: mail
 * scanners open links, and only the form's POST spends the token. No session, so no pageContext:
 * the database comes from here, not from the page.
 */
export async function resetLinkIsLive(token: string, now: Date): Promise<boolean> {
  return (await peekToken(getDb(), 'reset_password', token, now)) !== null;
}
