'use server';

import { defineAction } from '@/lib/auth/action';
import {
  addAddressDef,
  confirmVerificationDef,
  markNotificationsReadDef,
  proveIdentityDef,
  removeAddressDef,
  requestVerificationDef,
  setPrimaryAddressDef,
  setRecoveryAddressDef,
} from './action-defs';

const add = defineAction(addAddressDef);
const requestVerification = defineAction(requestVerificationDef);
const confirmVerification = defineAction(confirmVerificationDef);
const remove = defineAction(removeAddressDef);
const setPrimary = defineAction(setPrimaryAddressDef);
const setRecovery = defineAction(setRecoveryAddressDef);
const markRead = defineAction(markNotificationsReadDef);
const prove = defineAction(proveIdentityDef);

export async function addAddressAction(input: unknown) {
  return add(input);
}
export async function requestVerificationAction(input: unknown) {
  return requestVerification(input);
}
export async function confirmVerificationAction(input: unknown) {
  return confirmVerification(input);
}
export async function removeAddressAction(input: unknown) {
  return remove(input);
}
export async function setPrimaryAddressAction(input: unknown) {
  return setPrimary(input);
}
export async function setRecoveryAddressAction(input: unknown) {
  return setRecovery(input);
}
export async function proveIdentityAction(input: unknown) {
  return prove(input);
}
export async function markNotificationsReadAction(input: unknown) {
  return markRead(input);
}
