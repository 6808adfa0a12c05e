'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ResetCompleteState } from '@/lib/reset/schemas';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

type Action = (prev: ResetCompleteState, form: FormData) => Promise<ResetCompleteState>;

export function ResetCompleteForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState<ResetCompleteState, FormData>(action, { status: 'idle' });
  if (state.status === 'changed') {
    return (
      <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
        Your password was changed, and every other reset link for your account stopped working.{' '}
        <Link className="font-medium underline" href="/login">
          Sign in as {state.username}
        </Link>
      </p>
    );
  }
  const fields = state.status === 'invalid' ? state.fields : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="new-password">New password</Label>
        <Input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          aria-invalid={Boolean(fields?.password) || undefined}
        />
        <p className="text-xs text-muted-foreground">At least 10 characters.</p>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="confirm-password">New password, again</Label>
        <Input
          id="confirm-password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(fields?.confirm) || undefined}
        />
      </div>
      {state.status === 'invalid' || state.status === 'refused' ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {state.message}
          {state.status === 'refused' ? (
            <>
              {' '}
              <Link className="underline" href="/reset-password">
                Ask for a new link
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Set the new password'}
      </Button>
    </form>
  );
}
