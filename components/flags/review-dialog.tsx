'use client';

import { Check, Lock, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button';
import { FormAlert, FormDialog } from '../ui/form-dialog';
import { Input, Label } from '../ui/input';
import { Textarea } from '../ui/textarea';

/**
 * Confirm or reject flags held for review. Confirming several unverifies several addresses at once,
 * so the count has to be typed first (a deliberate step, not a stray Enter). Rejecting keeps the
 * addresses verified, so it follows the release rules: `refusal` (from lib/auth/release-rules.ts)
 * says why this role may not at these stages, and `reasonRequired` asks for the reason an admin
 * must give. The server checks both again.
 */
export function ReviewDialog({
  decision,
  pendingCount,
  disabled,
  pending,
  refusal = null,
  reasonRequired = false,
  minReason = 5,
  fieldErrors = {},
  onSubmit,
}: {
  decision: 'confirm' | 'reject';
  pendingCount: number;
  disabled: boolean;
  pending: boolean;
  refusal?: string | null;
  reasonRequired?: boolean;
  minReason?: number;
  fieldErrors?: Record<string, string>;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const confirm = decision === 'confirm';
  const needsTyping = confirm && pendingCount > 1;
  const ready =
    (!needsTyping || typed.trim() === String(pendingCount)) &&
    (confirm || (!refusal && (!reasonRequired || reason.trim().length >= minReason)));
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setTyped('');
        setReason('');
      }}
      trigger={
        <Button variant={confirm ? 'destructive' : 'outline'} size="sm" disabled={disabled}>
          {confirm ? <Check aria-hidden="true" /> : <X aria-hidden="true" />}
          {confirm ? 'Confirm review…' : 'Reject review…'}
        </Button>
      }
      title={
        confirm
          ? `Confirm ${pendingCount} held ${pendingCount === 1 ? 'flag' : 'flags'}`
          : `Reject ${pendingCount} held ${pendingCount === 1 ? 'flag' : 'flags'}`
      }
      description={
        <>
          {confirm
            ? 'The scan was right: each address is unverified now (it can no longer receive password resets), its flag opens, and its user is told at their other addresses.'
            : 'The scan was wrong: each flag is resolved and its address stays verified.'}{' '}
          Selected flags that are not waiting for review are left alone.
        </>
      }
      onSubmit={async () => {
        if (!ready) return;
        if (await onSubmit(confirm ? '' : reason)) setOpen(false);
      }}
      submit={
        <Button type="submit" variant={confirm ? 'destructive' : 'default'} disabled={!ready || pending}>
          {pending ? 'Working…' : confirm ? 'Unverify and open flags' : 'Reject and keep verified'}
        </Button>
      }
    >
      {needsTyping ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor="review-count">
            Type {pendingCount} to unverify {pendingCount} addresses
          </Label>
          <Input
            id="review-count"
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
      ) : null}
      {!confirm && refusal ? <FormAlert icon={Lock}>{refusal}</FormAlert> : null}
      {!confirm && !refusal ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor="review-reason">{reasonRequired ? 'Reason (required)' : 'Reason (optional)'}</Label>
          <Textarea
            id="review-reason"
            required={reasonRequired}
            minLength={reasonRequired ? minReason : undefined}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={Boolean(fieldErrors.reason)}
            aria-describedby="review-reason-hint"
          />
          <p
            id="review-reason-hint"
            className={fieldErrors.reason ? 'text-sm text-red-800' : 'text-xs text-muted-foreground'}
          >
            {fieldErrors.reason ??
              (reasonRequired
                ? `An admin’s reason is required at these domains’ stage: at least ${minReason} characters, recorded with the decision in the audit log.`
                : 'Recorded with the decision in the audit log.')}
          </p>
        </div>
      ) : null}
    </FormDialog>
  );
}
