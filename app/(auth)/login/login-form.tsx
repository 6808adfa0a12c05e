'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { loginAction } from './actions';
import type { LoginState } from './messages';
import { PasskeyButton } from './passkey-button';

function LoginError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p id="login-error" role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
      {error}
    </p>
  );
}

/**
 * Two steps when the account has two-factor authentication: the password, then a passkey or a code
 * on its own (the server keeps the accepted password as a signed ticket, so it is typed once). Or
 * one step: a passkey alone.
 */
export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  // A passkey prompt that failed in the browser never reached the server: its words are kept here,
  // and cleared by the next submission's answer.
  const [local, setLocal] = useState<{ error: string; after: LoginState } | null>(null);
  const error = local && local.after === state ? local.error : state.error;
  const onPasskeyError = (message: string) => setLocal({ error: message, after: state });
  const described = error ? 'login-error' : undefined;
  if (state.step === 'code' && state.ticket) {
    const methods = state.methods ?? { code: true, passkey: false };
    return (
      <form action={action} className="flex flex-col gap-4" aria-describedby={described}>
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="ticket" value={state.ticket} />
        <p className="text-sm">
          Password accepted for <strong>{state.username}</strong>.{' '}
          {methods.passkey
            ? 'Use your passkey for the second step.'
            : 'Open your authenticator app for the second step.'}
        </p>
        {methods.passkey ? (
          <PasskeyButton
            next={next}
            ticket={state.ticket}
            dispatch={action}
            onError={onPasskeyError}
            pending={pending}
            variant="default"
            label="Use your passkey"
          />
        ) : null}
        {methods.passkey && !methods.code ? <LoginError error={error} /> : null}
        {methods.code ? <CodeFields methods={methods} error={error} pending={pending} /> : null}
        {/* A full page load: the form starts again from the password step. */}
        <a className="text-sm underline" href={`/login?callbackUrl=${encodeURIComponent(next)}`}>
          Start again with a different account
        </a>
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-4">
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
        <LoginError error={error} />
        <Button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <div className="flex items-center gap-2 text-xs text-muted-foreground" aria-hidden="true">
        <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
      </div>
      <PasskeyButton next={next} dispatch={action} onError={onPasskeyError} pending={pending} />
    </div>
  );
}

function CodeFields({
  methods,
  error,
  pending,
}: {
  methods: { code: boolean; passkey: boolean };
  error?: string;
  pending: boolean;
}) {
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="code">Authentication code</Label>
        <Input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          autoFocus={!methods.passkey}
          aria-describedby="code-hint"
        />
        <p id="code-hint" className="text-xs text-muted-foreground">
          {methods.passkey
            ? 'Or the 6-digit code from your authenticator app, or one of your recovery codes.'
            : 'The 6-digit code your app shows now, or one of your recovery codes.'}
        </p>
      </div>
      <LoginError error={error} />
      <Button type="submit" variant={methods.passkey ? 'outline' : 'default'} disabled={pending}>
        {pending ? 'Checking…' : methods.passkey ? 'Sign in with the code' : 'Sign in'}
      </Button>
    </>
  );
}
