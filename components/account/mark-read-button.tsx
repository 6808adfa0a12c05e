'use client';

import { useAction } from '../actions/use-action';
import { Button } from '../ui/button';
import type { MarkReadAction } from './types';

export function MarkReadButton({ action }: { action: MarkReadAction }) {
  const { run, pending } = useAction(action, { success: 'Marked as read.' });
  return (
    <Button size="sm" variant="ghost" disabled={pending} onClick={() => void run({})}>
      Mark all read
    </Button>
  );
}
