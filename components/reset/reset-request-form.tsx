'use client';

import { useActionState } from 'react';
import type { ResetRequestState } from '@/lib/reset/schemas';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

type Action = (prev: ResetRequestState, form: FormData) => Promise<ResetRequestState>;

export function ResetRequestForm({ action, doneMessage }: { action: Action; doneMessage: string }) {
  const [state, formAction, pending] = useActionState<ResetRequestState, FormData>(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="reset-input">Username or email address</Label>
        <Input
          id="reset-input"
          name="input"
          autoComplete="username"
          required
          maxLength={320}
          aria-invalid={state.status === 'invalid' || undefined}
        />
      </div>
      {state.status === 'done' ? (
        <p
          role="status"
          data-testid="reset-answer"
          className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950"
        >
          {doneMessage}
        </p>
      ) : null}
      {state.status === 'invalid' || state.status === 'error' ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send a reset link'}
      </Button>
    </form>
  );
}
