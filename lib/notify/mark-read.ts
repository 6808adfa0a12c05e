import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';

/** Marking read takes nothing: it is always all of the caller's unread notices. */
export const markNotificationsReadSchema = z.object({});

/** Marks all of the caller's in-app notifications read (their own rows only). */
export async function markNotificationsRead({
  ctx,
}: {
  ctx: VerbContext;
  input: z.output<typeof markNotificationsReadSchema>;
}) {
  const { tx, actor, now } = ctx;
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
