'use client';

import { browserSupportsWebAuthn, startAuthentication, WebAuthnError } from '@simplewebauthn/browser';
import { KeyRound } from 'lucide-react';
import { startTransition, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { passkeyOptionsAction } from './actions';
import { loginMessage } from './messages';

/**
 * Asks the browser for a passkey's answer and hands it to the sign-in form's action: for a sign-in
 * with a passkey alone (no ticket) or the second step after the password (with the ticket). The
 * options come from the server, so the challenge is one it issued to this browser.
 */
export function PasskeyButton({
  next,
  ticket,
  dispatch,
  onError,
  pending,
  variant = 'outline',
  label = 'Sign in with a passkey',
}: {
  next: string;
  ticket?: string;
  dispatch: (form: FormData) => void;
  onError: (message: string) => void;
  pending: boolean;
  variant?: 'outline' | 'default';
  label?: string;
}) {
  const [supported, setSupported] = useState(true);
  const [asking, setAsking] = useState(false);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  if (!supported) return <p className="text-xs text-muted-foreground">This browser cannot use passkeys.</p>;

  async function ask() {
    setAsking(true);
    try {
      const options = await passkeyOptionsAction(ticket ? { ticket } : {});
      if (!options.ok) return onError(options.message);
      let answer: unknown;
      try {
        answer = await startAuthentication({ optionsJSON: options.data });
      } catch (error) {
        // NotAllowedError: the person closed the prompt, or it timed out (the browser does not say which).
        const cancelled =
          (error as Error).name === 'NotAllowedError' ||
          (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED');
        return onError(loginMessage(cancelled ? 'passkey_cancelled' : 'passkey_refused'));
      }
      const form = new FormData();
      form.set('next', next);
      form.set('assertion', JSON.stringify(answer));
      if (ticket) form.set('ticket', ticket);
      startTransition(() => dispatch(form));
    } finally {
      setAsking(false);
    }
  }

  return (
    <Button type="button" variant={variant} disabled={pending || asking} onClick={ask}>
      <KeyRound aria-hidden="true" className="size-4" />
      {asking ? 'Waiting for your passkey…' : label}
    </Button>
  );
}
