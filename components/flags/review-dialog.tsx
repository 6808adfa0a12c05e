'use client';

import { Check, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from '../ui/dialog';
import { Input, Label } from '../ui/input';

/**
 * Confirm or reject flags held for review. Confirming several unverifies several addresses at once,
 * so the count has to be typed first (a deliberate step, not a stray Enter).
 */
export function ReviewDialog({
  decision,
  pendingCount,
  disabled,
  pending,
  onSubmit,
}: {
  decision: 'confirm' | 'reject';
  pendingCount: number;
  disabled: boolean;
  pending: boolean;
  onSubmit: () => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const needsTyping = decision === 'confirm' && pendingCount > 1;
  const ready = !needsTyping || typed.trim() === String(pendingCount);
  const confirm = decision === 'confirm';
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setTyped('');
      }}
    >
      <DialogTrigger asChild>
        <Button variant={confirm ? 'destructive' : 'outline'} size="sm" disabled={disabled}>
          {confirm ? <Check aria-hidden="true" /> : <X aria-hidden="true" />}
          {confirm ? 'Confirm review…' : 'Reject review…'}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{confirm ? `Confirm ${pendingCount} held ${pendingCount === 1 ? 'flag' : 'flags'}` : `Reject ${pendingCount} held ${pendingCount === 1 ? 'flag' : 'flags'}`}</DialogTitle>
        <DialogDescription>
          {confirm
            ? 'The scan was right: each address is unverified now (it can no longer receive password resets), its flag opens, and its user is told at their other addresses.'
            : 'The scan was wrong: each flag is resolved and its address stays verified.'}{' '}
          Selected flags that are not waiting for review are left alone.
        </DialogDescription>
        <form
          className="flex flex-col gap-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!ready) return;
            if (await onSubmit()) setOpen(false);
          }}
        >
          {needsTyping ? (
            <div className="flex flex-col gap-1">
              <Label htmlFor="review-count">Type {pendingCount} to unverify {pendingCount} addresses</Label>
              <Input id="review-count" inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </div>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={confirm ? 'destructive' : 'default'} disabled={!ready || pending}>
              {pending ? 'Working…' : confirm ? 'Unverify and open flags' : 'Reject and keep verified'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
