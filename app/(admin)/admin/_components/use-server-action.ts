'use client';

import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { ActionResult } from '@/lib/errors';

export type ActionMessage = { tone: 'ok' | 'error'; text: string } | null;

/**
 * Calls a server action from a client component: tracks pending, turns the result into a message in
 * plain words, and on success invalidates every query key the write touched (server revalidation does
 * not reach the TanStack cache) and optionally refreshes server-rendered parts.
 */
export function useServerAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: {
    invalidate?: QueryKey[];
    refresh?: boolean;
    toMessage?: (data: T) => string;
    onSuccess?: (data: T) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const { invalidate, refresh, toMessage, onSuccess } = options;

  const run = useCallback(
    async (input: I): Promise<ActionResult<T>> => {
      setPending(true);
      setMessage(null);
      setFields({});
      let result: ActionResult<T>;
      try {
        result = await action(input);
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
        setMessage({ tone: 'ok', text: toMessage ? toMessage(result.data) : 'Done.' });
        onSuccess?.(result.data);
      } else {
        setMessage({ tone: 'error', text: result.message });
        setFields(result.fields ?? {});
      }
      setPending(false);
      return result;
    },
    [action, invalidate, refresh, toMessage, onSuccess, queryClient, router],
  );

  return { run, pending, message, fields, setMessage };
}
