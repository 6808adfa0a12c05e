import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, notifications } from '@/db/schema';
import type { NOTIFICATION_KINDS } from '@/db/schema/enums';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface UserNotice {
  userId: number;
  /** The address the notice is about (e.g. the one whose domain lapsed). */
  emailId: number | null;
  kind: NotificationKind;
  /** Stable for "the same notice": a rerun, retry or double click reuses it and queues nothing new. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  /**
   * Who gets mail: 'subject' = the address the notice is about (still ours: e.g. a domain expiring
   * soon); 'others' = the user's other verified addresses, never the lapsed one, whose mail may now
   * reach a stranger. An in-app notice is always queued.
   */
  mailTo: 'subject' | 'others';
}

/** Queues the in-app notice and the mails of one notice. Returns how many rows were new. */
export async function queueUserNotice(tx: DbOrTx, notice: UserNotice): Promise<number> {
  return queueUserNotices(tx, [notice]);
}

/**
 * Queues many notices in two statements (one read of the recipients, one insert), for writes that
 * act on a whole batch. Recipients are read once for all of them: an address unverified by the same
 * batch gets no mail about its neighbours. Returns how many rows were new.
 */
export async function queueUserNotices(tx: DbOrTx, notices: readonly UserNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const subjectIds = notices.flatMap((n) => (n.mailTo === 'subject' && n.emailId !== null ? [n.emailId] : []));
  const otherUserIds = [...new Set(notices.filter((n) => n.mailTo === 'others').map((n) => n.userId))];
  const verified = await tx
    .select({ id: emails.id, userId: emails.userId, address: emails.address })
    .from(emails)
    .where(
      and(
        eq(emails.verified, true),
        or(
          subjectIds.length ? inArray(emails.id, subjectIds) : undefined,
          otherUserIds.length ? inArray(emails.userId, otherUserIds) : undefined,
        ) ?? sql`false`,
      ),
    )
    .orderBy(emails.id);
  const recipientsOf = (notice: UserNotice) =>
    notice.mailTo === 'subject'
      ? verified.filter((r) => notice.emailId !== null && r.id === notice.emailId)
      : verified.filter((r) => r.userId === notice.userId && r.id !== notice.emailId);
  const rows: (typeof notifications.$inferInsert)[] = notices.flatMap((notice) => [
    {
      userId: notice.userId,
      emailId: notice.emailId,
      kind: notice.kind,
      channel: 'in_app' as const,
      dedupeKey: `${notice.dedupeKey}:in_app`,
      payload: notice.payload,
      state: 'sent' as const,
      sentAt: new Date(),
    },
    ...recipientsOf(notice).map((r) => ({
      userId: notice.userId,
      emailId: notice.emailId,
      address: r.address,
      kind: notice.kind,
      channel: 'email' as const,
      dedupeKey: `${notice.dedupeKey}:email:${r.address}`,
      payload: notice.payload,
    })),
  ]);
  const inserted = await tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length;
}
