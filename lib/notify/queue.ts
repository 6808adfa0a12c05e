import { and, eq, ne } from 'drizzle-orm';
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
  const recipients =
    notice.mailTo === 'subject'
      ? notice.emailId === null
        ? []
        : await tx
            .select({ id: emails.id, address: emails.address })
            .from(emails)
            .where(and(eq(emails.id, notice.emailId), eq(emails.verified, true)))
      : await tx
          .select({ id: emails.id, address: emails.address })
          .from(emails)
          .where(
            and(
              eq(emails.userId, notice.userId),
              eq(emails.verified, true),
              notice.emailId === null ? undefined : ne(emails.id, notice.emailId),
            ),
          );
  const rows: (typeof notifications.$inferInsert)[] = [
    {
      userId: notice.userId,
      emailId: notice.emailId,
      kind: notice.kind,
      channel: 'in_app',
      dedupeKey: `${notice.dedupeKey}:in_app`,
      payload: notice.payload,
      state: 'sent',
      sentAt: new Date(),
    },
    ...recipients.map((r) => ({
      userId: notice.userId,
      emailId: notice.emailId,
      address: r.address,
      kind: notice.kind,
      channel: 'email' as const,
      dedupeKey: `${notice.dedupeKey}:email:${r.address}`,
      payload: notice.payload,
    })),
  ];
  const inserted = await tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length;
}
