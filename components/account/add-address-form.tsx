'use client';

import { useRef } from 'react';
import { Button } from '../ui/button';
import { Input, Label } from '../ui/input';
import type { AccountAction } from './types';
import { useActionCall } from './use-action-call';

/** Adds an address; suggests a big provider, whose domain cannot lapse the way a custom one can. */
export function AddAddressForm({ action, providers }: { action: AccountAction; providers: string[] }) {
  const { pending, message, call } = useActionCall();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      id="add-address"
      ref={form}
      className="mt-4 flex flex-col gap-2 border-t border-border pt-4"
      onSubmit={(event) => {
        event.preventDefault();
        const address = String(new FormData(event.currentTarget).get('address') ?? '');
        void call(
          action,
          { address },
          `We sent a verification link to ${address.trim()}. Open it while signed in to confirm the address.`,
        ).then((ok) => {
          if (ok) form.current?.reset();
        });
      }}
    >
      <Label htmlFor="new-address">Add a backup address</Label>
      <p className="text-sm text-muted-foreground">
        Best at a big provider ({providers.join(', ')} …), not at a domain you register yourself: if that domain lapses,
        whoever registers it next gets your mail.
      </p>
      <div className="flex max-w-lg gap-2">
        {/* Not type=email: browsers refuse internationalised domains (alice@bücher.de); the server checks the grammar. */}
        <Input
          id="new-address"
          name="address"
          type="text"
          inputMode="email"
          required
          autoComplete="email"
          spellCheck={false}
          placeholder="you@gmail.com"
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add address'}
        </Button>
      </div>
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'text-sm text-red-800' : 'text-sm text-emerald-800'}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
