'use client';

import { Webhook } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { RecordTable, withdrawCells } from '@/components/data-table/record-table';
import { Button } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';
import { Input, Label } from '@/components/ui/input';
import { ChoiceList, ShownOnce } from '@/components/ui/choice-list';
import { Notice } from '@/components/ui/notice';
import type { WebhookEndpointRow } from '@/lib/webhooks/queries';
import type { WebhookEvent } from '@/lib/webhooks/schemas';
import { createWebhookAction, removeWebhookAction } from './actions';

/** Register an endpoint (its secret shown once), list them, remove one. */
export function WebhookEndpoints({
  endpoints,
  events,
}: {
  endpoints: WebhookEndpointRow[];
  events: Record<WebhookEvent, string>;
}) {
  const all = Object.keys(events) as WebhookEvent[];
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<WebhookEvent[]>(all);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const create = useAction(createWebhookAction, {
    refresh: true,
    success: (e) => `Registered ${e.url}. Copy its signing secret now: it is not shown again.`,
    onSuccess: (e) => {
      setSecret({ url: e.url, secret: e.secret });
      setUrl('');
    },
  });
  const remove = useAction(removeWebhookAction, { refresh: true, success: (e) => `Removed ${e.url}.` });
  const message = create.message ?? remove.message;
  return (
    <FormCard
      title={`Endpoints (${endpoints.filter((e) => !e.removedAt).length})`}
      onSubmit={() => {
        remove.setMessage(null);
        setSecret(null);
        void create.run({ url, events: chosen });
      }}
      form={
        <>
          <div className="flex flex-col gap-1">
            <Label htmlFor="webhook-url">URL (https)</Label>
            <Input
              id="webhook-url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              className="w-full max-w-xl"
              placeholder="https://registry.example/hooks/gravekeeper"
              aria-invalid={Boolean(create.fields.url)}
            />
          </div>
          <ChoiceList legend="Events" options={events} chosen={chosen} onChange={setChosen} />
          <div>
            <Button type="submit" disabled={create.pending}>
              <Webhook aria-hidden="true" /> Register endpoint
            </Button>
          </div>
        </>
      }
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {secret ? (
        <ShownOnce id="webhook-secret" label={`The signing secret for ${secret.url}`} value={secret.secret} />
      ) : null}
      <RecordTable
        label="Webhook endpoints"
        columns={['URL', 'Events', 'Registered', 'State']}
        action="Remove"
        rows={endpoints}
        empty={{ title: 'No webhook endpoints yet', text: "Register your registry's receiver to hear of changes." }}
        cells={(e) => [
          <span key="u" className="font-mono text-xs break-all">
            {e.url}
          </span>,
          <span key="e" className="font-mono text-xs">
            {e.events.join(', ')}
          </span>,
          formatDateTime(e.createdAt),
          ...withdrawCells({
            at: e.removedAt,
            word: 'removed',
            live: 'active',
            label: `Remove ${e.url}`,
            text: 'Remove',
            pending: remove.pending,
            onWithdraw: () => {
              create.setMessage(null);
              setSecret(null);
              void remove.run({ id: e.id });
            },
          }),
        ]}
      />
    </FormCard>
  );
}
