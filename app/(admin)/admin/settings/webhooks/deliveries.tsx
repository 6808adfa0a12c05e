'use client';

import { RotateCcw } from 'lucide-react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { RecordTable, RowAction } from '@/components/data-table/record-table';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { WebhookDeliveryRow } from '@/lib/webhooks/queries';
import { replayWebhookAction } from './actions';

const TONE: Record<WebhookDeliveryRow['state'], BadgeTone> = { queued: 'info', delivered: 'good', failed: 'bad' };

/** The newest deliveries, with what the receiver answered; a failed one can be replayed. */
export function WebhookDeliveries({ deliveries }: { deliveries: WebhookDeliveryRow[] }) {
  const replay = useAction(replayWebhookAction, {
    refresh: true,
    success: (d) => `Queued ${d.event} (delivery ${d.id}) again.`,
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Delivery log</CardTitle>
        <p className="text-xs text-muted-foreground">The newest 50 deliveries to any endpoint.</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {replay.message ? <Notice tone={replay.message.tone}>{replay.message.text}</Notice> : null}
        <RecordTable
          label="Webhook deliveries"
          columns={['Event', 'Endpoint', 'State', 'Attempts', 'Last answer', 'Created']}
          action="Replay"
          rows={deliveries}
          empty={{ title: 'Nothing delivered yet', text: 'Deliveries show here as events happen.' }}
          cells={(d) => [
            <span key="e" className="font-mono text-xs">
              {d.event}
            </span>,
            <span key="u" className="font-mono text-xs break-all">
              {d.endpointUrl}
            </span>,
            <Badge key="s" tone={TONE[d.state]}>
              {d.state}
            </Badge>,
            d.attempts,
            <span key="l" className="text-xs">
              {d.lastError ?? (d.lastStatus ? `${d.lastStatus}` : d.state === 'queued' ? 'not sent yet' : '')}
            </span>,
            formatDateTime(d.createdAt),
            d.state === 'failed' ? (
              <RowAction
                key="a"
                label={`Replay delivery ${d.id}`}
                icon={<RotateCcw aria-hidden="true" />}
                text="Replay"
                disabled={replay.pending}
                onClick={() => void replay.run({ id: d.id })}
              />
            ) : null,
          ]}
        />
      </CardContent>
    </Card>
  );
}
