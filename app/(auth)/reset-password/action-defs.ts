import type { PublicActionDefinition } from '@/lib/auth/public-action';
import { appBaseUrl, readEnv } from '@/lib/env';
import type { ActionResult } from '@/lib/errors';
import { completePasswordReset, type ResetCompletion } from '@/lib/reset/complete';
import { type ResetRequestResult, requestPasswordReset } from '@/lib/reset/request';
import {
  type ResetCompleteState,
  type ResetRequestState,
  resetCompleteSchema,
  resetRequestSchema,
} from '@/lib/reset/schemas';

// The reset page's two anonymous actions, apart from actions.ts so tests can run them through
// runPublicAction and compare what the browser would receive.

export const resetRequestDef: PublicActionDefinition<typeof resetRequestSchema, ResetRequestResult> = {
  input: resetRequestSchema,
  run: ({ tx, clientIp }, input) =>
    requestPasswordReset(tx, { input: input.input, clientIp }, { appUrl: appBaseUrl(readEnv()) }),
};

/**
 * Sent, refused, unknown, rate limited: the state is the same constant, so the response bytes are
 * the same for every input. Only a malformed form (empty) or our own failure differ, and neither
 * depends on which accounts exist.
 */
export function toRequestState(result: ActionResult<ResetRequestResult>): ResetRequestState {
  if (result.ok) return { status: 'done' };
  if (result.code === 'invalid_input') return { status: 'invalid', message: result.message };
  return { status: 'error', message: result.message };
}

export const resetCompleteDef: PublicActionDefinition<typeof resetCompleteSchema, ResetCompletion> = {
  input: resetCompleteSchema,
  run: ({ tx }, input) => completePasswordReset(tx, input),
};

export function toCompleteState(result: ActionResult<ResetCompletion>): ResetCompleteState {
  if (!result.ok)
    return {
      status: result.code === 'invalid_input' ? 'invalid' : 'refused',
      message: result.message,
      fields: result.fields,
    };
  return result.data.status === 'changed'
    ? { status: 'changed', username: result.data.username }
    : { status: 'refused', message: result.data.message };
}
