import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { listWebhookEndpoints, recentWebhookDeliveries } from '@/lib/webhooks/queries';
import { WEBHOOK_EVENT_DESCRIPTIONS } from '@/lib/webhooks/schemas';
import { WebhookDeliveries } from './deliveries';
import { WebhookEndpoints } from './endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { db } = await pageContext('settings.manage');
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(db), recentWebhookDeliveries(db)]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Admin only: HTTPS endpoints of your registry that hear of unverified addresses, flags and domain stage changes as they happen. Each delivery is signed (HMAC-SHA256), retried with backoff, and logged below; a failed one can be replayed."
      />
      <div className="flex flex-col gap-6">
        <WebhookEndpoints endpoints={endpoints} events={WEBHOOK_EVENT_DESCRIPTIONS} />
        <WebhookDeliveries deliveries={deliveries} />
      </div>
    </>
  );
}
