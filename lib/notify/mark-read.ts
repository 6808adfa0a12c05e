import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { notifications } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';

/** Marks all of the caller's in-app notifications read (their own rows only). */
export async function markNotificationsRead(tx: DbOrTx, actor: UserActor, now: Date = new Date()) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.id), eq(notifications.channel, 'in_app'), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length > 0)
    await recordAudit(tx, actor, {
      action: 'notification.read',
      targetType: 'user',
      targetId: actor.id,
      details: { count: rows.length },
    });
  return { marked: rows.length };
}
