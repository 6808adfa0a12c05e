'use client';

import { Button } from '../ui/button';
import type { AccountAction } from './types';
import { useActionCall } from './use-action-call';

export function MarkReadButton({ action }: { action: AccountAction }) {
  const { pending, call } = useActionCall();
  return (
    <Button size="sm" variant="ghost" disabled={pending} onClick={() => call(action, {}, 'Marked as read.')}>
      Mark all read
    </Button>
  );
}
