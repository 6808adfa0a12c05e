'use server';

import { defineAction } from '@/lib/auth/action';
import { confirmTwoFactorDef, disableTwoFactorDef, regenerateRecoveryCodesDef, startTwoFactorDef } from './action-defs';

const start = defineAction(startTwoFactorDef);
const confirm = defineAction(confirmTwoFactorDef);
const disable = defineAction(disableTwoFactorDef);
const regenerate = defineAction(regenerateRecoveryCodesDef);

export async function startTwoFactorAction(input: unknown) {
  return start(input);
}
export async function confirmTwoFactorAction(input: unknown) {
  return confirm(input);
}
export async function disableTwoFactorAction(input: unknown) {
  return disable(input);
}
export async function regenerateRecoveryCodesAction(input: unknown) {
  return regenerate(input);
}
