'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/errors';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../ui/dialog';
import { Input, Label } from '../ui/input';
import type { AccountAction, PasskeyStepUpOptionsAction } from '../account/types';

// Step-up on the account pages: an action refused with `step_up_required` opens this dialog; once the
// password (or a two-factor code) is accepted, the action runs again with the same input.

type Run = <T>(action: (input: unknown) => Promise<ActionResult<T>>, input: unknown) => Promise<ActionResult<T>>;

const StepUpContext = createContext<Run | null>(null);

/** Runs an action, asking for a fresh proof of identity when the server wants one. */
export function useStepUp(): Run {
  const run = useContext(StepUpContext);
  // Outside the provider (e.g. a page that has no recovery changes) the action runs as it is.
  return run ?? ((action, input) => action(input));
}

export function StepUpProvider({
  prove,
  passkeyOptions,
  twoFactorOn,
  hasPasskey = false,
  children,
}: {
  prove: AccountAction;
  passkeyOptions?: PasskeyStepUpOptionsAction;
  twoFactorOn: boolean;
  hasPasskey?: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [useCode, setUseCode] = useState(false);
  // The change is to the second factor itself: only the factor (a passkey or a code) will do.
  const [factorOnly, setFactorOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const settle = useRef<((proved: boolean) => void) | null>(null);

  const ask = useCallback(
    (factor: boolean) =>
      new Promise<boolean>((resolve) => {
        settle.current = resolve;
        setError(null);
        setFactorOnly(factor);
        if (factor) setUseCode(true);
        setOpen(true);
      }),
    [],
  );
  const close = (proved: boolean) => {
    setOpen(false);
    settle.current?.(proved);
    settle.current = null;
  };

  // A passkey instead of the password: the server's challenge for this session, the browser's prompt,
  // then the same proof action with the answer.
  const proveWithPasskey = async () => {
    if (!passkeyOptions) return;
    setPending(true);
    setError(null);
    try {
      const options = await passkeyOptions({});
      if (!options.ok) return setError(options.message);
      let assertion: unknown;
      try {
        assertion = await startAuthentication({ optionsJSON: options.data.options });
      } catch {
        return setError('The passkey prompt was closed or timed out. Try again, or use your password.');
      }
      const result = await prove({ assertion } as Parameters<AccountAction>[0]);
      if (result.ok) close(true);
      else setError(result.message);
    } catch {
      setError('The server could not be reached. Try again.');
    } finally {
      setPending(false);
    }
  };

  const run = useCallback<Run>(
    async (action, input) => {
      const first = await action(input);
      if (first.ok || first.code !== 'step_up_required') return first;
      if (!(await ask(first.fields?.proof === 'second_factor'))) return first;
      return action(input);
    },
    [ask],
  );

  return (
    <StepUpContext.Provider value={run}>
      {children}
      <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : close(false))}>
        <DialogContent>
          <DialogTitle>Confirm it is you</DialogTitle>
          <DialogDescription>
            {factorOnly
              ? 'Changes to your passkeys and authenticator app need your second factor: a passkey, or a code from your app (or a recovery code). A password someone else learned is not enough.'
              : 'Changes to how your account is recovered or signed in to need your password (or a passkey or a two-factor code) from the last 10 minutes. Someone who only has your open session cannot make them.'}
          </DialogDescription>
          <form
            className="flex flex-col gap-3"
            onSubmit={async (event) => {
              event.preventDefault();
              const value = String(new FormData(event.currentTarget).get('proof') ?? '');
              setPending(true);
              const result = await prove(useCode ? { code: value } : { password: value });
              setPending(false);
              if (result.ok) close(true);
              else setError(result.message);
            }}
          >
            <Label htmlFor="step-up-proof">{useCode ? 'Two-factor code or recovery code' : 'Your password'}</Label>
            <Input
              id="step-up-proof"
              name="proof"
              key={useCode ? 'code' : 'password'}
              type={useCode ? 'text' : 'password'}
              inputMode={useCode ? 'numeric' : undefined}
              autoComplete={useCode ? 'one-time-code' : 'current-password'}
              required
              autoFocus
            />
            {error ? (
              <p role="alert" className="text-sm text-red-800">
                {error}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending}>
                {pending ? 'Checking…' : 'Confirm'}
              </Button>
              {hasPasskey && passkeyOptions ? (
                <Button type="button" variant="outline" disabled={pending} onClick={proveWithPasskey}>
                  Use a passkey
                </Button>
              ) : null}
              {twoFactorOn && !factorOnly ? (
                <Button type="button" variant="ghost" onClick={() => setUseCode((v) => !v)}>
                  {useCode ? 'Use my password instead' : 'Use a two-factor code instead'}
                </Button>
              ) : null}
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </StepUpContext.Provider>
  );
}
