import type { Db } from '@/db/connect';
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
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let drained = true;
      try {
        const run = await runWebhooksOnce(db, agent, new Date(), config);
        drained = run.claimed < (config.batchSize ?? WEBHOOK_DEFAULTS.batchSize);
        if (run.claimed > 0)
          log(`[webhooks] delivered ${run.delivered}, retrying ${run.retrying}, failed ${run.failed}`);
      } catch (error) {
        log(`[webhooks] run failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (drained && !stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.intervalMs ?? 2_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await agent.close();
    },
  };
}
