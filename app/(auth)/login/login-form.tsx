'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { loginAction } from './actions';
import type { LoginState } from './messages';

function LoginError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p id="login-error" role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
      {error}
    </p>
  );
}

/**
 * Two steps when the account has two-factor authentication: the password, then the code on its own
 * (the server keeps the accepted password as a signed ticket, so it is typed once).
 */
export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const described = state.error ? 'login-error' : undefined;
  if (state.step === 'code' && state.ticket)
    return (
      <form action={action} className="flex flex-col gap-4" aria-describedby={described}>
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="ticket" value={state.ticket} />
        <p className="text-sm">
          Password accepted for <strong>{state.username}</strong>. Open your authenticator app for the second step.
        </p>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="code">Authentication code</Label>
          <Input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            aria-describedby="code-hint"
          />
          <p id="code-hint" className="text-xs text-muted-foreground">
            The 6-digit code your app shows now, or one of your recovery codes.
          </p>
        </div>
        <LoginError error={state.error} />
        <Button type="submit" disabled={pending}>
          {pending ? 'Checking…' : 'Sign in'}
        </Button>
        {/* A full page load: the form starts again from the password step. */}
        <a className="text-sm underline" href={`/login?callbackUrl=${encodeURIComponent(next)}`}>
          Start again with a different account
        </a>
      </form>
    );
  return (
    <form action={action} className="flex flex-col gap-4" aria-describedby={described}>
      <input type="hidden" name="next" value={next} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="username">Username</Label>
        <Input id="username" name="username" autoComplete="username" required defaultValue={state.username} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="password">Password</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <LoginError error={state.error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
