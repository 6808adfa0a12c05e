'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { addDomainListAction, removeDomainListAction } from './actions';

type Entry = { domain: string; note: string | null };

/** One of the two lists, with add and remove; each change is validated and audited on the server. */
export function DomainListCard({
  list,
  title,
  hint,
  entries,
}: {
  list: 'trusted' | 'blocked';
  title: string;
  hint: string;
  entries: Entry[];
}) {
  const [domain, setDomain] = useState('');
  const [note, setNote] = useState('');
  const add = useAction(addDomainListAction, {
    refresh: true,
    success: (r) => `Added ${r.domain} to the ${r.list} list.`,
    onSuccess: () => {
      setDomain('');
      setNote('');
    },
  });
  const remove = useAction(removeDomainListAction, {
    refresh: true,
    success: (r) => `Removed ${r.domain} from the ${r.list} list.`,
  });
  const message = add.message ?? remove.message;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {title} ({entries.length})
        </CardTitle>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            remove.setMessage(null);
            void add.run({ list, domain, note });
          }}
        >
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${list}-domain`}>Domain</Label>
            <Input
              id={`${list}-domain`}
              value={domain}
              onChange={(e) => setDomain(e.target.value)}
              required
              className="w-52"
              aria-invalid={Boolean(add.fields.domain)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${list}-note`}>Note (optional)</Label>
            <Input id={`${list}-note`} value={note} onChange={(e) => setNote(e.target.value)} className="w-52" />
          </div>
          <Button type="submit" variant="outline" disabled={add.pending}>
            <Plus aria-hidden="true" /> Add to {list} list
          </Button>
        </form>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        <ul className="grid gap-x-4 font-mono text-xs sm:grid-cols-2" aria-label={`${title} domains`}>
          {entries.map((d) => (
            <li key={d.domain} className="flex items-center justify-between gap-2 border-b border-border py-1">
              <span>
                {d.domain}
                {d.note ? <span className="block font-sans text-muted-foreground">{d.note}</span> : null}
              </span>
              <Button
                variant="ghost"
                size="icon"
                className="size-7"
                aria-label={`Remove ${d.domain} from the ${list} list`}
                disabled={remove.pending}
                onClick={() => {
                  add.setMessage(null);
                  void remove.run({ domain: d.domain });
                }}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
