import type { Db } from '@/db/connect';
import { startPollLoop } from '@/lib/jobs/poll-loop';
import { createOutboundAgent } from '@/lib/domains/outbound-agent';
import { OutboundPolicy } from '@/lib/domains/outbound-policy';
import { runWebhooksOnce, WEBHOOK_DEFAULTS, type WebhookOptions } from './deliver';

/**
 * The loop the worker process runs beside the mail outbox: sends due webhook deliveries through an
 * agent bound by the outbound rules (GK_OUTBOUND_ALLOW), then sleeps `intervalMs`.
 */
export function startWebhookWorker(
  db: Db,
  config: { allow: readonly string[]; intervalMs?: number; log?: (line: string) => void } & Partial<WebhookOptions>,
): { stop(): Promise<void> } {
  const agent = createOutboundAgent(new OutboundPolicy(config.allow));
  const log = config.log ?? ((line: string) => console.error(line));
  const loop = startPollLoop(
    async () => {
      const run = await runWebhooksOnce(db, agent, new Date(), config);
      if (run.claimed > 0) log(`[webhooks] delivered ${run.delivered}, retrying ${run.retrying}, failed ${run.failed}`);
      return { drained: run.claimed < (config.batchSize ?? WEBHOOK_DEFAULTS.batchSize) };
    },
    {
      intervalMs: config.intervalMs ?? 2_000,
      onError: (error) => log(`[webhooks] run failed: ${error instanceof Error ? error.message : String(error)}`),
    },
  );
  return {
    async stop() {
      await loop.stop();
      await agent.close();
    },
  };
}
