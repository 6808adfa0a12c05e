import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { notifications, users } from '@/db/schema';
import type { NOTIFICATION_STATES } from '@/db/schema/enums';
import { containsPattern, dateRangeSql } from '@/lib/pagination/filters';
import { cursorText, type KeysetPage, keysetOf, toKeysetPage } from '@/lib/pagination/keyset';
import { OUTBOX_PAGE_SIZE, type OutboxSearch } from './outbox-search';
import type { NotificationKind } from './queue';
import { renderMail } from './templates';

type OutboxState = (typeof NOTIFICATION_STATES)[number];

export interface OutboxRow {
  id: number;
  createdAt: string;
  kind: NotificationKind;
  to: string | null;
  username: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  subject: string;
  /** The plain-text body as sent, with any one-time link replaced by a placeholder. */
  preview: string;
}

export type OutboxPage = KeysetPage<OutboxRow>;

// A literal, not a parameter: the outbox indexes are partial (`where channel = 'email'`), and a prepared
// statement's generic plan cannot prove a parameter matches an index predicate.
const isMail = sql`${notifications.channel} = 'email'`;

function filters(search: OutboxSearch): SQL[] {
  const where: SQL[] = [isMail];
  // Any part of the address: answered by the trigram index on notifications.address.
  if (search.q) where.push(sql`${notifications.address} ilike ${containsPattern(search.q)}`);
  if (search.kind) where.push(eq(notifications.kind, search.kind));
  if (search.state) where.push(eq(notifications.state, search.state));
  where.push(...dateRangeSql(notifications.createdAt, search));
  return where;
}

/** The page query (not yet run): listOutboxPage runs it, the plan test reads its EXPLAIN. */
export function outboxPageQuery(db: DbOrTx, search: OutboxSearch, pageSize = OUTBOX_PAGE_SIZE) {
  const keyset = keysetOf({ at: notifications.createdAt, id: notifications.id }, search);
  const where = filters(search);
  if (keyset.after) where.push(keyset.after);
  const query = db
    .select({
      id: notifications.id,
      cursorAt: cursorText(notifications.createdAt),
      createdAt: notifications.createdAt,
      kind: notifications.kind,
      address: notifications.address,
      payload: notifications.payload,
      state: notifications.state,
      attempts: notifications.attempts,
      nextAttemptAt: notifications.nextAttemptAt,
      sentAt: notifications.sentAt,
      lastError: notifications.lastError,
      username: users.username,
      name: users.name,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(...where))
    .orderBy(...keyset.orderBy)
    .limit(pageSize + 1);
  return { keyset, query };
}

/**
 * The staff mailbox, one keyset page: every mail the outbox holds, newest (or oldest) first, with what
 * it says. Links that carry a token are never shown: staff reading a reset link could sign in as the user.
 */
export async function listOutboxPage(
  db: DbOrTx,
  search: OutboxSearch,
  { appUrl, pageSize = OUTBOX_PAGE_SIZE }: { appUrl: string; pageSize?: number },
): Promise<OutboxPage> {
  const { keyset, query } = outboxPageQuery(db, search, pageSize);
  return toKeysetPage(await query, keyset, pageSize, (n) => {
    const mail = renderMail({
      kind: n.kind,
      payload: n.payload,
      recipientName: n.name,
      appUrl,
      link: null,
    });
    return {
      id: n.id,
      createdAt: n.createdAt.toISOString(),
      kind: n.kind,
      to: n.address,
      username: n.username,
      state: n.state,
      attempts: n.attempts,
      nextAttemptAt: n.nextAttemptAt.toISOString(),
      sentAt: n.sentAt?.toISOString() ?? null,
      lastError: n.lastError,
      subject: mail.subject,
      preview: mail.text,
    };
  });
}

/** How many mails are queued, sent and failed (the whole outbox, whatever the filters). */
export async function outboxCounts(db: DbOrTx): Promise<Record<OutboxState, number>> {
  const grouped = await db
    .select({ state: notifications.state, n: count() })
    .from(notifications)
    .where(isMail)
    .groupBy(notifications.state);
  const counts: Record<OutboxState, number> = { queued: 0, sent: 0, failed: 0 };
  for (const g of grouped) counts[g.state] = g.n;
  return counts;
}
