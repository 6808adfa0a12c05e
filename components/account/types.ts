import type { ActionResult } from '@/lib/errors';

/** A server action as the account page hands it to a client component. */
export type AccountAction = (input: unknown) => Promise<ActionResult<unknown>>;

export interface AddressActionSet {
  requestVerification: AccountAction;
  setPrimary: AccountAction;
  setRecovery: AccountAction;
  remove: AccountAction;
}
