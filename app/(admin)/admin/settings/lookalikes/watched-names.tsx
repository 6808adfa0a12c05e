'use client';

import { Eye } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { RecordTable, withdrawCells } from '@/components/data-table/record-table';
import { Button } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';
import { FieldError, Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import type { WatchedNameRow } from '@/lib/lookalikes/queries';
import { unwatchNameAction, watchNameAction } from './actions';

const progress = (scan: WatchedNameRow['scan']) =>
  scan ? `${scan.state}${scan.total ? ` (${scan.checked} of ${scan.total})` : ''}` : 'not checked yet';

/** Add a watched name (its first scan starts at once), list them with counts, stop watching one. */
export function WatchedNames({ names }: { names: WatchedNameRow[] }) {
  const [name, setName] = useState('');
  const watch = useAction(watchNameAction, {
    refresh: true,
    success: (w) => `Watching ${w.name}: ${w.candidates} look-alike candidates, first check in scan #${w.scanId}.`,
    onSuccess: () => setName(''),
  });
  const unwatch = useAction(unwatchNameAction, { refresh: true, success: (w) => `Stopped watching ${w.name}.` });
  const message = watch.message ?? unwatch.message;
  return (
    <FormCard
      title={`Watched names (${names.filter((n) => !n.removedAt).length})`}
      onSubmit={() => {
        unwatch.setMessage(null);
        void watch.run({ name });
      }}
      form={
        <>
          <div className="flex flex-col gap-1">
            <Label htmlFor="lookalike-name">Domain or brand word</Label>
            <Input
              id="lookalike-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              className="w-full max-w-md"
              placeholder="pypi.org"
              aria-invalid={Boolean(watch.fields.name)}
              aria-describedby={watch.fields.name ? 'lookalike-name-error' : undefined}
            />
            <FieldError id="lookalike-name-error" message={watch.fields.name} />
          </div>
          <div>
            <Button type="submit" disabled={watch.pending}>
              <Eye aria-hidden="true" /> Watch its look-alikes
            </Button>
          </div>
        </>
      }
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <RecordTable
        label="Watched names"
        columns={['Name', 'Candidates', 'Registered', 'With MX', 'Malicious', 'First check', 'State']}
        action="Stop watching"
        rows={names}
        empty={{ title: 'No watched names yet', text: 'Add your registry’s domain, such as pypi.org.' }}
        cells={(n) => [
          <Link
            key="n"
            className="font-mono text-xs underline"
            href={`/admin/lookalikes?name=${encodeURIComponent(n.name)}&state=all`}
          >
            {n.name}
          </Link>,
          n.candidates,
          n.registered,
          n.withMx,
          n.malicious,
          n.scan ? (
            <Link key="s" className="underline" href={`/admin/scans/${n.scan.id}`}>
              {progress(n.scan)}
            </Link>
          ) : (
            progress(null)
          ),
          ...withdrawCells({
            at: n.removedAt,
            word: 'unwatched',
            live: 'watched',
            label: `Stop watching ${n.name}`,
            text: 'Stop watching',
            pending: unwatch.pending,
            onWithdraw: () => {
              watch.setMessage(null);
              void unwatch.run({ id: n.id });
            },
          }),
        ]}
      />
    </FormCard>
  );
}
