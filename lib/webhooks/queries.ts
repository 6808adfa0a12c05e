import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';

export interface WebhookEndpointRow {
  id: number;
  url: string;
  events: string[];
  createdAt: string;
  removedAt: string | null;
}

export interface WebhookDeliveryRow {
  id: number;
  endpointUrl: string;
  event: string;
  eventId: string;
  state: 'queued' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Every endpoint, newest first, never its secret. */
export async function listWebhookEndpoints(db: DbOrTx): Promise<WebhookEndpointRow[]> {
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      createdAt: webhookEndpoints.createdAt,
      removedAt: webhookEndpoints.removedAt,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), removedAt: iso(r.removedAt) }));
}

/** The delivery log: the newest `limit` deliveries to any endpoint. */
export async function recentWebhookDeliveries(db: DbOrTx, limit = 50): Promise<WebhookDeliveryRow[]> {
  const rows = await db
    .select({ d: webhookDeliveries, endpointUrl: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map(({ d, endpointUrl }) => ({
    id: d.id,
    endpointUrl,
    event: d.event,
    eventId: d.eventId,
    state: d.state,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
  }));
}
