import { and, eq, sql } from 'drizzle-orm';
import { type Agent, fetch } from 'undici';
import type { Db } from '@/db/connect';
import { webhookDeliveries } from '@/db/schema';
import { open } from '@/lib/auth/secret-box';
import { OutboundRefused } from '@/lib/domains/outbound-agent';
import { SIGNATURE_HEADER, signWebhook } from './signature';

// The webhook outbox, drained by the worker: due deliveries are claimed in a short transaction (a
// lease, so several workers never send one twice at once), sent outside it, and their outcome
// written after. A 2xx is delivered; anything else is retried with exponential backoff, and after
// the last attempt the delivery is failed (staff can replay it). Redirects are not followed.

export const WEBHOOK_DEFAULTS = {
  batchSize: 20,
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3600_000,
  timeoutMs: 10_000,
};
export type WebhookOptions = typeof WEBHOOK_DEFAULTS;

interface Claimed {
  id: number;
  event_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret_enc: string;
}

/** The delay before attempt `n + 1` after `n` failed ones: base · 2^(n−1), capped. */
export function backoffMs(attempts: number, o: Pick<WebhookOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

async function send(row: Claimed, agent: Agent, now: Date, timeoutMs: number) {
  const body = JSON.stringify({ id: row.event_id, ...row.payload });
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Gravekeeper-Webhooks/1',
        'gravekeeper-event': row.event,
        'gravekeeper-delivery': row.event_id,
        [SIGNATURE_HEADER]: signWebhook(open(row.secret_enc), body, Math.floor(now.getTime() / 1000)),
      },
    });
    await response.body?.cancel().catch(() => {});
    return { status: response.status, error: response.ok ? null : `answered ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const refused = cause instanceof OutboundRefused ? cause : error instanceof OutboundRefused ? error : null;
    const message = refused ? refused.message : error instanceof Error ? error.message : String(error);
    return { status: null, error: message.slice(0, 500) };
  }
}

/** One pass: claims up to `batchSize` due deliveries and sends them. Returns what happened. */
export async function runWebhooksOnce(
  db: Db,
  agent: Agent,
  now: Date,
  options: Partial<WebhookOptions> = {},
): Promise<{ claimed: number; delivered: number; retrying: number; failed: number }> {
  const o = { ...WEBHOOK_DEFAULTS, ...options };
  const lease = new Date(now.getTime() + o.timeoutMs * 3);
  const claimed = (await db.execute(sql`
    update webhook_deliveries d set next_attempt_at = ${lease.toISOString()}::timestamptz
    from webhook_endpoints e
    where d.id in (
      select id from webhook_deliveries
      where state = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at, id limit ${o.batchSize} for update skip locked)
      and e.id = d.endpoint_id and e.removed_at is null
    returning d.id, d.event_id, d.event, d.payload, d.attempts, e.url, e.secret_enc`)) as unknown as Claimed[];
  const totals = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const outcome = await send(row, agent, now, o.timeoutMs);
      const attempts = row.attempts + 1;
      const done = outcome.error === null;
      const last = !done && attempts >= o.maxAttempts;
      await db
        .update(webhookDeliveries)
        .set({
          attempts,
          lastStatus: outcome.status,
          lastError: outcome.error,
          state: done ? 'delivered' : last ? 'failed' : 'queued',
          deliveredAt: done ? new Date() : null,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, o)),
        })
        .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.state, 'queued')));
      if (done) totals.delivered += 1;
      else if (last) totals.failed += 1;
      else totals.retrying += 1;
    }),
  );
  return totals;
}
