'use server';

import { defineAction } from '@/lib/auth/action';
import { notifyUserDef } from './action-defs';

const notify = defineAction(notifyUserDef);

export async function notifyUserAction(input: { userId: number }) {
  return notify(input);
}
