'use client';

import { useState } from 'react';
import { ActionMessageLine } from '../actions/action-message';
import { type ActionMessage, useAction } from '../actions/use-action';
import { Button } from '../ui/button';
import type { AddressActionSet } from './types';

export interface AddressActionTarget {
  id: number;
  address: string;
  verified: boolean;
  isPrimary: boolean;
  useForRecovery: boolean;
  flagged: boolean;
}

export function AddressActions({ address: a, actions }: { address: AddressActionTarget; actions: AddressActionSet }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  // One line of outcome for the row: the message of the button pressed last.
  const [last, setLast] = useState<'verify' | 'primary' | 'recovery' | 'remove' | null>(null);
  const calls = {
    verify: useAction(actions.requestVerification, {
      success: `We sent a new verification link to ${a.address}. Open it while signed in.`,
    }),
    primary: useAction(actions.setPrimary, { success: `${a.address} is now your primary address.` }),
    recovery: useAction(actions.setRecovery, {
      success: a.useForRecovery
        ? `Password resets will no longer go to ${a.address}.`
        : `Password resets can now go to ${a.address}.`,
    }),
    remove: useAction(actions.remove, { success: `${a.address} was removed.` }),
  };
  const pending = Object.values(calls).some((c) => c.pending);
  const message: ActionMessage = last ? calls[last].message : null;
  const input = { emailId: a.id };
  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {a.verified ? null : (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() => {
              setLast('verify');
              void calls.verify.run(input);
            }}
          >
            Send verification link
          </Button>
        )}
        {a.verified && !a.isPrimary && !a.flagged ? (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() => {
              setLast('primary');
              void calls.primary.run(input);
            }}
          >
            Make primary
          </Button>
        ) : null}
        {a.verified && !a.flagged ? (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            aria-pressed={a.useForRecovery}
            onClick={() => {
              setLast('recovery');
              void calls.recovery.run({ emailId: a.id, useForRecovery: !a.useForRecovery });
            }}
          >
            {a.useForRecovery ? 'Stop using for password resets' : 'Use for password resets'}
          </Button>
        ) : null}
        {a.isPrimary ? null : confirmRemove ? (
          <>
            <Button
              size="sm"
              variant="destructive"
              disabled={pending}
              onClick={() => {
                setLast('remove');
                void calls.remove.run(input);
              }}
            >
              Remove {a.address}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmRemove(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => setConfirmRemove(true)}>
            Remove…
          </Button>
        )}
      </div>
      <ActionMessageLine message={message} />
    </div>
  );
}
