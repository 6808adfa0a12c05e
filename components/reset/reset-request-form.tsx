'use client';

import type { requestResetAction } from '@/app/(auth)/reset-password/actions';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

/**
 * The reset request. The server answers the same for every input (an account or none, an address
 * we trust or not), so the page can only say the one sentence it is given.
 */
export function ResetRequestForm({ action, doneMessage }: { action: typeof requestResetAction; doneMessage: string }) {
  const { run, pending, message, fields } = useAction(action, { success: doneMessage });
  return (
    // A function as the form's action, not onSubmit: submitted before React loads, the form goes
    // nowhere, rather than putting what was typed into a GET URL.
    <form
      action={async (form) => {
        await run({ input: String(form.get('input') ?? '') });
      }}
      className="flex flex-col gap-4"
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="reset-input">Username or email address</Label>
        <Input
          id="reset-input"
          name="input"
          autoComplete="username"
          required
          maxLength={320}
          aria-invalid={Boolean(fields.input) || undefined}
        />
      </div>
      {message?.tone === 'ok' ? (
        <p
          role="status"
          data-testid="reset-answer"
          className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950"
        >
          {message.text}
        </p>
      ) : null}
      {message?.tone === 'error' ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {message.text}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send a reset link'}
      </Button>
    </form>
  );
}
