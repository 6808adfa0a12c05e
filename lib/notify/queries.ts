import { and, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { notifications, users } from '@/db/schema';
import type { NOTIFICATION_STATES } from '@/db/schema/enums';
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

/**
 * The staff mailbox: every mail the outbox holds, newest first, with what it says. Links that carry a
 * token are never shown: staff reading a reset link could sign in as the user.
 */
export async function listOutbox(
  db: DbOrTx,
  options: { state?: OutboxState; limit?: number; appUrl: string },
): Promise<{ rows: OutboxRow[]; counts: Record<OutboxState, number> }> {
  const rows = await db
    .select({ n: notifications, username: users.username, name: users.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(notifications.channel, 'email'), options.state ? eq(notifications.state, options.state) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 100);
  const grouped = await db
    .select({ state: notifications.state, n: count() })
    .from(notifications)
    .where(eq(notifications.channel, 'email'))
    .groupBy(notifications.state);
  const counts: Record<OutboxState, number> = { queued: 0, sent: 0, failed: 0 };
  for (const g of grouped) counts[g.state] = g.n;
  return {
    counts,
    rows: rows.map(({ n, username, name }) => {
      const mail = renderMail({
        kind: n.kind,
        payload: n.payload,
        recipientName: name,
        appUrl: options.appUrl,
        link: null,
      });
      return {
        id: n.id,
        createdAt: n.createdAt.toISOString(),
        kind: n.kind,
        to: n.address,
        username,
        state: n.state,
        attempts: n.attempts,
        nextAttemptAt: n.nextAttemptAt.toISOString(),
        sentAt: n.sentAt?.toISOString() ?? null,
        lastError: n.lastError,
        subject: mail.subject,
        preview: mail.text,
      };
    }),
  };
}
