'use client';

import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/errors';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../ui/dialog';
import { Input, Label } from '../ui/input';
import type { AccountAction } from '../account/types';

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
  twoFactorOn,
  children,
}: {
  prove: AccountAction;
  twoFactorOn: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [useCode, setUseCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const settle = useRef<((proved: boolean) => void) | null>(null);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        settle.current = resolve;
        setError(null);
        setOpen(true);
      }),
    [],
  );
  const close = (proved: boolean) => {
    setOpen(false);
    settle.current?.(proved);
    settle.current = null;
  };

  const run = useCallback<Run>(
    async (action, input) => {
      const first = await action(input);
      if (first.ok || first.code !== 'step_up_required') return first;
      if (!(await ask())) return first;
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
            Changes to the addresses that can reset your password need your password (or a two-factor code) from the
            last 10 minutes. Someone who only has your open session cannot make them.
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
              {twoFactorOn ? (
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
