'use server';

import { defineAction } from '@/lib/auth/action';
import type { NotifyFlagsInput, OverrideFlagsInput, ReviewFlagsInput } from '@/lib/flags/schemas';
import { notifyFlagsDef, overrideFlagsDef, reviewFlagsDef } from './action-defs';

const review = defineAction(reviewFlagsDef);
const override = defineAction(overrideFlagsDef);
const notify = defineAction(notifyFlagsDef);

export async function reviewFlagsAction(input: ReviewFlagsInput) {
  return review(input);
}

export async function overrideFlagsAction(input: OverrideFlagsInput) {
  return override(input);
}

export async function notifyFlagsAction(input: NotifyFlagsInput) {
  return notify(input);
}
