'use client';

import { useState, useTransition } from 'react';
import { useStepUp } from './step-up';
import type { AccountAction } from './types';

export type CallMessage = { tone: 'ok' | 'error'; text: string } | null;

/** Runs a server action from a button and keeps its outcome as one line of plain words. */
export function useActionCall() {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<CallMessage>(null);
  const run = useStepUp();
  /** Resolves to whether the action succeeded (a form keeps what was typed when it did not). */
  const call = (action: AccountAction, input: unknown, success: string) =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        const result = await run(action, input);
        setMessage(result.ok ? { tone: 'ok', text: success } : { tone: 'error', text: result.message });
        resolve(result.ok);
      }),
    );
  return { pending, message, call };
}
