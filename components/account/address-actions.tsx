'use client';

import { useState } from 'react';
import { Button } from '../ui/button';
import type { AddressActionSet } from './types';
import { useActionCall } from './use-action-call';

export interface AddressActionTarget {
  id: number;
  address: string;
  verified: boolean;
  isPrimary: boolean;
  useForRecovery: boolean;
  flagged: boolean;
}

export function AddressActions({ address: a, actions }: { address: AddressActionTarget; actions: AddressActionSet }) {
  const { pending, message, call } = useActionCall();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const input = { emailId: a.id };
  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {a.verified ? null : (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() =>
              call(
                actions.requestVerification,
                input,
                `We sent a new verification link to ${a.address}. Open it while signed in.`,
              )
            }
          >
            Send verification link
          </Button>
        )}
        {a.verified && !a.isPrimary && !a.flagged ? (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() => call(actions.setPrimary, input, `${a.address} is now your primary address.`)}
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
            onClick={() =>
              call(
                actions.setRecovery,
                { emailId: a.id, useForRecovery: !a.useForRecovery },
                a.useForRecovery
                  ? `Password resets will no longer go to ${a.address}.`
                  : `Password resets can now go to ${a.address}.`,
              )
            }
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
              onClick={() => call(actions.remove, input, `${a.address} was removed.`)}
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
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'text-sm text-red-800' : 'text-sm text-emerald-800'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
