import type { DbOrTx } from '@/db/connect';
import { queueUserNotice } from './queue';

// "Something changed on your account" notices (OWASP ASVS 5.0 6.3.7): every change to how the
// account is recovered is told to the account's other good addresses, so an intruder with a stolen
// session cannot quietly add their own address, and a reset the owner did not ask for is noticed.

export const ACCOUNT_CHANGE_EVENTS = {
  address_added: (a: string) => `The address ${a} was added to your account.`,
  address_verified: (a: string) =>
    `The address ${a} was verified and can now receive password resets (after a 72-hour wait while you have another recovery address).`,
  address_removed: (a: string) => `The address ${a} was removed from your account.`,
  recovery_on: (a: string) =>
    `The address ${a} was chosen to receive password resets (after a 72-hour wait while you have another recovery address).`,
  recovery_off: (a: string) => `The address ${a} will no longer receive password resets.`,
  primary_changed: (a: string) => `${a} is now the primary address of your account.`,
  two_factor_enabled: () => 'An authenticator app was set up for two-factor authentication on your account.',
  two_factor_disabled: () => 'Two-factor authentication was turned off.',
  passkey_added: (name: string) =>
    `A passkey named “${name}” was added to your account. It can sign in without your password.`,
  passkey_removed: (name: string) => `The passkey named “${name}” was removed from your account.`,
  recovery_codes_replaced: () => 'Your two-factor recovery codes were replaced; the old ones no longer work.',
  password_changed: () =>
    'Your password was changed with a password-reset link, and every session opened before was signed out.',
  password_changed_passkeys: (names: string) =>
    `Your password was changed with a password-reset link, and every session opened before was signed out. Your passkeys still sign you in: ${names}. If one of them is not yours, remove it from your account now.`,
} as const;
export type AccountChangeEvent = keyof typeof ACCOUNT_CHANGE_EVENTS;

export function describeAccountChange(event: string, address: string): string {
  const phrase = (ACCOUNT_CHANGE_EVENTS as Record<string, ((a: string) => string) | undefined>)[event];
  return phrase ? phrase(address) : 'A security setting of your account changed.';
}

/**
 * Queues the notice in-app and by mail to the account's verified addresses other than `emailId`
 * (the address the change is about, which may be the intruder's). The outbox skips flagged ones.
 * Called inside the change's transaction, with its clock: the notice commits with the change.
 */
export async function queueAccountChangeNotice({
  ctx,
  input,
}: {
  ctx: { tx: DbOrTx; now: Date };
  input: { userId: number; event: AccountChangeEvent; emailId: number | null; address?: string };
}): Promise<void> {
  const { tx, now } = ctx;
  await queueUserNotice(tx, {
    userId: input.userId,
    emailId: input.emailId,
    kind: 'account_change',
    dedupeKey: `account_change:${input.userId}:${input.event}:${input.emailId ?? 0}:${now.getTime()}`,
    payload: { event: input.event, address: input.address ?? null, at: now.toISOString() },
    mailTo: 'others',
  });
}
