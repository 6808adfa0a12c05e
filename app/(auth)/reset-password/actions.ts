'use server';

import { definePublicAction } from '@/lib/auth/public-action';
import { appBaseUrl, readEnv } from '@/lib/env';
import { completePasswordReset } from '@/lib/reset/complete';
import { requestPasswordReset } from '@/lib/reset/request';
import { resetCompleteSchema, resetRequestSchema } from '@/lib/reset/schemas';

// The reset page's two anonymous actions (no session: lib/auth/public-action.ts).

/**
 * Sent, refused, unknown, rate limited: the answer is the same constant, so the response bytes are
 * the same for every input; the outcome stays in reset_attempts. Only a malformed form (empty) or
 * our own failure differ, and neither depends on which accounts exist.
 */
export const requestResetAction = definePublicAction({
  name: 'reset.request',
  input: resetRequestSchema,
  run: ({ ctx, input }) => requestPasswordReset({ ctx: { ...ctx, appUrl: appBaseUrl(readEnv()) }, input }),
  answer: () => ({ ok: true, data: null }),
});

/** The link's holder learns whether the password changed; a voided link is a failure to show. */
export const completeResetAction = definePublicAction({
  name: 'reset.complete',
  input: resetCompleteSchema,
  run: ({ ctx, input }) => completePasswordReset({ ctx, input }),
  answer: (result) =>
    result.status === 'changed'
      ? { ok: true, data: { username: result.username } }
      : { ok: false, code: 'conflict', message: result.message },
});
