'use client';

import { useRef } from 'react';
import { ActionMessageLine } from '../actions/action-message';
import { useAction } from '../actions/use-action';
import { Button } from '../ui/button';
import { Input, Label } from '../ui/input';
import type { AddAddressAction } from './types';

/** Adds an address; suggests a big provider, whose domain cannot lapse the way a custom one can. */
export function AddAddressForm({ action, providers }: { action: AddAddressAction; providers: string[] }) {
  const form = useRef<HTMLFormElement>(null);
  // The address as typed, for the success line (the server's normal form may differ in case).
  const typed = useRef('');
  const { run, pending, message } = useAction(action, {
    success: () => `We sent a verification link to ${typed.current}. Open it while signed in to confirm the address.`,
    // Only on success is the field cleared: a refused address stays to be corrected.
    onSuccess: () => form.current?.reset(),
  });
  // The form has one field, so every refusal is about it: its reason sits beside the address, and
  // the field is marked and described by it for screen readers.
  const refusal = message?.tone === 'error' ? message.text : null;
  return (
    <form
      id="add-address"
      ref={form}
      className="mt-4 flex flex-col gap-2 border-t border-border pt-4"
      onSubmit={(event) => {
        event.preventDefault();
        const address = String(new FormData(event.currentTarget).get('address') ?? '');
        typed.current = address.trim();
        void run({ address });
      }}
    >
      <Label htmlFor="new-address">Add a backup address</Label>
      <p className="text-sm text-muted-foreground">
        Best at a big provider ({providers.join(', ')} …), not at a domain you register yourself: if that domain lapses,
        whoever registers it next gets your mail.
      </p>
      <div className="flex max-w-lg gap-2">
        {/* Not type=email: browsers refuse internationalised domains (alice@bücher.de) and would block the
            submit with their own words; the server checks the product's one grammar (lib/domains/mailbox.ts). */}
        <Input
          id="new-address"
          name="address"
          type="text"
          inputMode="email"
          required
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="you@gmail.com"
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? 'new-address-refusal' : undefined}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add address'}
        </Button>
      </div>
      {refusal ? (
        <p
          id="new-address-refusal"
          role="alert"
          className="max-w-lg text-sm text-red-800"
          data-testid="address-refusal"
        >
          {refusal}
        </p>
      ) : (
        <ActionMessageLine message={message} />
      )}
    </form>
  );
}
