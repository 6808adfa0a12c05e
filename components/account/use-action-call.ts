'use client';

import { useState, useTransition } from 'react';
import type { AccountAction } from './types';

export type CallMessage = { tone: 'ok' | 'error'; text: string } | null;

/** Runs a server action from a button and keeps its outcome as one line of plain words. */
export function useActionCall() {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<CallMessage>(null);
  const call = (action: AccountAction, input: unknown, success: string) =>
    startTransition(async () => {
      const result = await action(input);
      setMessage(result.ok ? { tone: 'ok', text: success } : { tone: 'error', text: result.message });
    });
  return { pending, message, call };
}
