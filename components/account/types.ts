import type {
  addAddressAction,
  markNotificationsReadAction,
  passkeyStepUpOptionsAction,
  proveIdentityAction,
  removeAddressAction,
  requestVerificationAction,
  setPrimaryAddressAction,
  setRecoveryAddressAction,
} from '@/app/(account)/account/actions';

// The account page's actions as the page hands them to client components: the real types of the
// exported definitions (type-only imports, erased from the client bundle).

/** The step-up dialog's proof action (components/actions/step-up.tsx takes it by this name). */
export type AccountAction = typeof proveIdentityAction;
/** The step-up dialog's passkey options action. */
export type PasskeyStepUpOptionsAction = typeof passkeyStepUpOptionsAction;

export type AddAddressAction = typeof addAddressAction;
export type MarkReadAction = typeof markNotificationsReadAction;

export interface AddressActionSet {
  requestVerification: typeof requestVerificationAction;
  setPrimary: typeof setPrimaryAddressAction;
  setRecovery: typeof setRecoveryAddressAction;
  remove: typeof removeAddressAction;
}
