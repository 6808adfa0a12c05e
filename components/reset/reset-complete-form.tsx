'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { completeResetAction } from '@/app/(auth)/reset-password/actions';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { DeadResetLink } from './dead-link';

export function ResetCompleteForm({ action, token }: { action: typeof completeResetAction; token: string }) {
  const [changedFor, setChangedFor] = useState<string | null>(null);
  // A refusal other than a bad form means the link is spent or void: offer a new one.
  const [linkDead, setLinkDead] = useState(false);
  const { run, pending, message, fields } = useAction(action, { onSuccess: (data) => setChangedFor(data.username) });
  if (changedFor !== null) {
    return (
      <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
        Your password was changed, and every other reset link for your account stopped working.{' '}
        <Link className="font-medium underline" href="/login">
          Sign in as {changedFor}
        </Link>
      </p>
    );
  }
  return (
    // A function as the form's action, not onSubmit: submitted before React loads, the new password
    // goes nowhere, rather than into a GET URL.
    <form
      action={async (form) => {
        const result = await run({
          token,
          password: String(form.get('password') ?? ''),
          confirm: String(form.get('confirm') ?? ''),
        });
        setLinkDead(!result.ok && result.code !== 'invalid_input');
      }}
      className="flex flex-col gap-4"
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="new-password">New password</Label>
        <Input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          aria-invalid={Boolean(fields.password) || undefined}
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
          aria-invalid={Boolean(fields.confirm) || undefined}
        />
      </div>
      {message?.tone === 'error' ? (
        linkDead ? (
          <DeadResetLink message={message.text} tone="error" />
        ) : (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
            {message.text}
          </p>
        )
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Set the new password'}
      </Button>
    </form>
  );
}
