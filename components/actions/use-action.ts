'use client';

import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { ActionResult } from '@/lib/errors';
import { useStepUp } from './step-up';

export type ActionMessage = { tone: 'ok' | 'error'; text: string } | null;

export interface UseActionOptions<T> {
  /** Query keys the write touched: server revalidation does not reach the TanStack cache. */
  invalidate?: QueryKey[];
  /** Re-render the server components of the page too. */
  refresh?: boolean;
  /** The line shown on success. */
  success?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
}

/**
 * The one way a client component calls a server action: tracks pending, asks for a fresh proof
 * when the server wants one (step-up) and runs the action again, turns the result into one line
 * of plain words with per-field errors, and on success invalidates what the write touched.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: UseActionOptions<T> = {}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const withStepUp = useStepUp();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const { invalidate, refresh, success, onSuccess } = options;

  const run = useCallback(
    async (input: I): Promise<ActionResult<T>> => {
      setPending(true);
      setMessage(null);
      setFields({});
      let result: ActionResult<T>;
      try {
        result = await withStepUp(action as (input: unknown) => Promise<ActionResult<T>>, input);
      } catch {
        result = {
          ok: false,
          code: 'internal',
          message: 'The server could not be reached. Nothing was changed; try again.',
        };
      }
      if (result.ok) {
        await Promise.all((invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        if (refresh) router.refresh();
        const data = result.data;
        setMessage({ tone: 'ok', text: typeof success === 'function' ? success(data) : (success ?? 'Done.') });
        onSuccess?.(data);
      } else {
        setMessage({ tone: 'error', text: result.message });
        setFields(result.fields ?? {});
      }
      setPending(false);
      return result;
    },
    [action, withStepUp, invalidate, refresh, success, onSuccess, queryClient, router],
  );

  return { run, pending, message, fields, setMessage };
}
