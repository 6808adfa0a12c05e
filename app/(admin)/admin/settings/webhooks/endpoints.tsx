'use client';

import { Trash2, Webhook } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
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
    <Card>
      <CardHeader>
        <CardTitle>Endpoints ({endpoints.filter((e) => !e.removedAt).length})</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            remove.setMessage(null);
            setSecret(null);
            void create.run({ url, events: chosen });
          }}
        >
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
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium">Events</legend>
            {all.map((event) => (
              <label key={event} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={chosen.includes(event)}
                  onChange={(e) =>
                    setChosen((now) => (e.target.checked ? [...now, event] : now.filter((x) => x !== event)))
                  }
                />
                <span>
                  <span className="font-mono">{event}</span>: {events[event]}
                </span>
              </label>
            ))}
          </fieldset>
          <div>
            <Button type="submit" disabled={create.pending}>
              <Webhook aria-hidden="true" /> Register endpoint
            </Button>
          </div>
        </form>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {secret ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor="webhook-secret">The signing secret for {secret.url}</Label>
            <Input id="webhook-secret" readOnly value={secret.secret} className="font-mono" />
          </div>
        ) : null}
        {endpoints.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            Register your registry's receiver to hear of changes.
          </EmptyState>
        ) : (
          <Table aria-label="Webhook endpoints">
            <THead>
              <TR>
                <TH>URL</TH>
                <TH>Events</TH>
                <TH>Registered</TH>
                <TH>State</TH>
                <TH>
                  <span className="sr-only">Remove</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {endpoints.map((e) => (
                <TR key={e.id}>
                  <TD className="font-mono text-xs break-all">{e.url}</TD>
                  <TD className="font-mono text-xs">{e.events.join(', ')}</TD>
                  <TD>{formatDateTime(e.createdAt)}</TD>
                  <TD>
                    {e.removedAt ? (
                      <Badge tone="neutral">removed {formatDateTime(e.removedAt)}</Badge>
                    ) : (
                      <Badge tone="good">active</Badge>
                    )}
                  </TD>
                  <TD>
                    {e.removedAt ? null : (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${e.url}`}
                        disabled={remove.pending}
                        onClick={() => {
                          create.setMessage(null);
                          setSecret(null);
                          void remove.run({ id: e.id });
                        }}
                      >
                        <Trash2 aria-hidden="true" /> Remove
                      </Button>
                    )}
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
