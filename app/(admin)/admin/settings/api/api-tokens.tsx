'use client';

import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { RecordTable, withdrawCells } from '@/components/data-table/record-table';
import { Button } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';
import { Input, Label } from '@/components/ui/input';
import { ChoiceList, ShownOnce } from '@/components/ui/choice-list';
import { Notice } from '@/components/ui/notice';
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

  return (
    <FormCard
      title={`Tokens (${tokens.length})`}
      onSubmit={() => {
        revoke.setMessage(null);
        setCreated(null);
        void create.run({ name, scopes: chosen });
      }}
      form={
        <>
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
          <ChoiceList
            legend="Scopes"
            options={scopes}
            chosen={chosen}
            onChange={setChosen}
            invalid={Boolean(create.fields.scopes)}
          />
          <div>
            <Button type="submit" disabled={create.pending}>
              <KeyRound aria-hidden="true" /> Create token
            </Button>
          </div>
        </>
      }
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {created ? (
        <ShownOnce id="api-token-created" label={`The new token for “${created.name}”`} value={created.token} />
      ) : null}
      <RecordTable
        label="API tokens"
        columns={['Name', 'Token', 'Scopes', 'Created', 'Last used', 'State']}
        action="Revoke"
        rows={tokens}
        empty={{ title: 'No API tokens yet', text: 'Create one for each system that calls the API.' }}
        cells={(t) => [
          t.name,
          <span key="p" className="font-mono text-xs">{`${t.prefix}…`}</span>,
          <span key="s" className="font-mono text-xs">
            {t.scopes.join(', ')}
          </span>,
          formatDateTime(t.createdAt),
          t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never',
          ...withdrawCells({
            at: t.revokedAt,
            word: 'revoked',
            live: 'in force',
            label: `Revoke ${t.name}`,
            text: 'Revoke',
            pending: revoke.pending,
            onWithdraw: () => {
              create.setMessage(null);
              setCreated(null);
              void revoke.run({ id: t.id });
            },
          }),
        ]}
      />
    </FormCard>
  );
}
