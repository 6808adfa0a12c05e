'use client';

import { KeyRound, Trash2 } from 'lucide-react';
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
import type { ApiTokenRow } from '@/lib/api-tokens/queries';
import type { ApiScope } from '@/lib/api-tokens/schemas';
import { createApiTokenAction, revokeApiTokenAction } from './actions';

/** Create a token (shown once), list them, revoke one; every change is validated and audited on the server. */
export function ApiTokens({ tokens, scopes }: { tokens: ApiTokenRow[]; scopes: Record<ApiScope, string> }) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ApiScope[]>(['eligibility']);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useAction(createApiTokenAction, {
    refresh: true,
    success: (t) => `Created “${t.name}”. Copy the token now: it is not shown again.`,
    onSuccess: (t) => {
      setCreated({ name: t.name, token: t.token });
      setName('');
    },
  });
  const revoke = useAction(revokeApiTokenAction, {
    refresh: true,
    success: (t) => `Revoked “${t.name}”: its next call is refused.`,
  });
  const message = create.message ?? revoke.message;
  const toggle = (scope: ApiScope, on: boolean) =>
    setChosen((now) => (on ? [...now, scope] : now.filter((s) => s !== scope)));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Tokens ({tokens.length})</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            revoke.setMessage(null);
            setCreated(null);
            void create.run({ name, scopes: chosen });
          }}
        >
          <div className="flex flex-col gap-1">
            <Label htmlFor="api-token-name">Name (the system that will use it)</Label>
            <Input
              id="api-token-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={80}
              className="w-72"
              aria-invalid={Boolean(create.fields.name)}
            />
          </div>
          <fieldset className="flex flex-col gap-1" aria-invalid={Boolean(create.fields.scopes)}>
            <legend className="text-sm font-medium">Scopes</legend>
            {(Object.keys(scopes) as ApiScope[]).map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={chosen.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <span>
                  <span className="font-mono">{scope}</span>: {scopes[scope]}
                </span>
              </label>
            ))}
          </fieldset>
          <div>
            <Button type="submit" disabled={create.pending}>
              <KeyRound aria-hidden="true" /> Create token
            </Button>
          </div>
        </form>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {created ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor="api-token-created">The new token for “{created.name}”</Label>
            <Input id="api-token-created" readOnly value={created.token} className="font-mono" />
          </div>
        ) : null}
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">Create one for each system that calls the API.</EmptyState>
        ) : (
          <Table aria-label="API tokens">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Token</TH>
                <TH>Scopes</TH>
                <TH>Created</TH>
                <TH>Last used</TH>
                <TH>State</TH>
                <TH>
                  <span className="sr-only">Revoke</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {tokens.map((t) => (
                <TR key={t.id}>
                  <TD>{t.name}</TD>
                  <TD className="font-mono text-xs">{t.prefix}…</TD>
                  <TD className="font-mono text-xs">{t.scopes.join(', ')}</TD>
                  <TD>{formatDateTime(t.createdAt)}</TD>
                  <TD>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</TD>
                  <TD>
                    {t.revokedAt ? (
                      <Badge tone="neutral">revoked {formatDateTime(t.revokedAt)}</Badge>
                    ) : (
                      <Badge tone="good">in force</Badge>
                    )}
                  </TD>
                  <TD>
                    {t.revokedAt ? null : (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Revoke ${t.name}`}
                        disabled={revoke.pending}
                        onClick={() => {
                          create.setMessage(null);
                          setCreated(null);
                          void revoke.run({ id: t.id });
                        }}
                      >
                        <Trash2 aria-hidden="true" /> Revoke
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
