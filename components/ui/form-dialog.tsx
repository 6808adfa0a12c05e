'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from './dialog';

/**
 * A dialog that holds one form: the trigger opens it, the form's fields come as children, and the footer
 * has Cancel beside the caller's submit button. `onSubmit` gets the event already stopped from reloading.
 */
export function FormDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  onSubmit,
  submit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  onSubmit: () => void | Promise<void>;
  submit: ReactNode;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <form
          className="flex flex-col gap-4"
          onSubmit={async (e) => {
            e.preventDefault();
            await onSubmit();
          }}
        >
          {children}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            {submit}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A stop sign inside a form: why the action cannot go ahead, or what it would put at risk. */
export function FormAlert({ icon: Icon, id, children }: { icon: React.ElementType; id?: string; children: ReactNode }) {
  return (
    <div
      id={id}
      role="alert"
      className="flex gap-2 rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-950"
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>{children}</p>
    </div>
  );
}
