'use server';

import { definePublicAction } from '@/lib/auth/public-action';
import type { ResetCompleteState, ResetRequestState } from '@/lib/reset/schemas';
import { resetCompleteDef, resetRequestDef, toCompleteState, toRequestState } from './action-defs';

const request = definePublicAction(resetRequestDef);
const complete = definePublicAction(resetCompleteDef);

export async function requestResetAction(_prev: ResetRequestState, form: FormData): Promise<ResetRequestState> {
  return toRequestState(await request(form));
}

export async function completeResetAction(_prev: ResetCompleteState, form: FormData): Promise<ResetCompleteState> {
  return toCompleteState(await complete(form));
}
