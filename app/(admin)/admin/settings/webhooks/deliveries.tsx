'use client';

import { RotateCcw } from 'lucide-react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
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
        {deliveries.length === 0 ? (
          <EmptyState title="Nothing delivered yet">Deliveries show here as events happen.</EmptyState>
        ) : (
          <Table aria-label="Webhook deliveries">
            <THead>
              <TR>
                <TH>Event</TH>
                <TH>Endpoint</TH>
                <TH>State</TH>
                <TH>Attempts</TH>
                <TH>Last answer</TH>
                <TH>Created</TH>
                <TH>
                  <span className="sr-only">Replay</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {deliveries.map((d) => (
                <TR key={d.id}>
                  <TD className="font-mono text-xs">{d.event}</TD>
                  <TD className="font-mono text-xs break-all">{d.endpointUrl}</TD>
                  <TD>
                    <Badge tone={TONE[d.state]}>{d.state}</Badge>
                  </TD>
                  <TD>{d.attempts}</TD>
                  <TD className="text-xs">
                    {d.lastError ?? (d.lastStatus ? `${d.lastStatus}` : d.state === 'queued' ? 'not sent yet' : '')}
                  </TD>
                  <TD>{formatDateTime(d.createdAt)}</TD>
                  <TD>
                    {d.state === 'failed' ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Replay delivery ${d.id}`}
                        disabled={replay.pending}
                        onClick={() => void replay.run({ id: d.id })}
                      >
                        <RotateCcw aria-hidden="true" /> Replay
                      </Button>
                    ) : null}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
