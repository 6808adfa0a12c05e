import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { seal } from '@/lib/auth/secret-box';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import type { createWebhookSchema, deliveryIdSchema, webhookIdSchema } from './schemas';
import { newWebhookSecret } from './signature';

/**
 * Registers an endpoint (its URL already checked against the outbound rules by the action's
 * `prepare`, outside the transaction). The signing secret is returned once and stored sealed.
 */
export async function createWebhookEndpoint({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof createWebhookSchema>;
}): Promise<{ id: number; url: string; events: string[]; secret: string }> {
  const secret = newWebhookSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({ url: input.url, events: input.events, secretEnc: seal(secret), createdBy: actor.id, createdAt: now })
    .returning({ id: webhookEndpoints.id });
  await recordAudit(tx, actor, {
    action: 'webhook.create',
    targetType: 'webhook_endpoint',
    targetId: row!.id,
    details: { url: input.url, events: input.events },
  });
  return { id: row!.id, url: input.url, events: input.events, secret };
}

/** Removes an endpoint: nothing more is queued or sent to it; its log stays. */
export async function removeWebhookEndpoint({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof webhookIdSchema>;
}): Promise<{ id: number; url: string }> {
  const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, input.id)).for('update');
  if (!endpoint) throw new AppError('not_found', 'That webhook endpoint does not exist.');
  if (endpoint.removedAt) throw new AppError('conflict', `${endpoint.url} was already removed.`);
  await tx.update(webhookEndpoints).set({ removedAt: now }).where(eq(webhookEndpoints.id, endpoint.id));
  await tx
    .update(webhookDeliveries)
    .set({ state: 'failed', lastError: 'the endpoint was removed' })
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.state, 'queued')));
  await recordAudit(tx, actor, {
    action: 'webhook.remove',
    targetType: 'webhook_endpoint',
    targetId: endpoint.id,
    details: { url: endpoint.url },
  });
  return { id: endpoint.id, url: endpoint.url };
}

/** Queues a failed delivery again, as it was (same event id, so the receiver can tell a repeat). */
export async function replayWebhookDelivery({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof deliveryIdSchema>;
}): Promise<{ id: number; event: string }> {
  const [delivery] = await tx
    .select({ d: webhookDeliveries, removedAt: webhookEndpoints.removedAt })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, input.id))
    .for('update', { of: webhookDeliveries });
  if (!delivery) throw new AppError('not_found', 'That delivery does not exist.');
  if (delivery.removedAt) throw new AppError('conflict', 'Its endpoint was removed: there is nowhere to send it.');
  if (delivery.d.state !== 'failed') throw new AppError('conflict', 'Only a failed delivery can be replayed.');
  await tx
    .update(webhookDeliveries)
    .set({ state: 'queued', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(webhookDeliveries.id, input.id), isNull(webhookDeliveries.deliveredAt)));
  await recordAudit(tx, actor, {
    action: 'webhook.replay',
    targetType: 'webhook_delivery',
    targetId: input.id,
    details: { event: delivery.d.event, eventId: delivery.d.eventId },
  });
  return { id: input.id, event: delivery.d.event };
}
