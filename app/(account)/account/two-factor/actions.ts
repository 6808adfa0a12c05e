'use server';

import { defineAction } from '@/lib/auth/action';
import { registerPasskey, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { replaceRecoveryCodes } from '@/lib/passkeys/recovery-codes';
import { removePasskey } from '@/lib/passkeys/remove';
import { noInputSchema, passkeyIdSchema, registerPasskeySchema } from '@/lib/passkeys/schemas';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { disableTwoFactor, regenerateRecoveryCodes } from '@/lib/twofactor/disable';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { codeSchema, startTwoFactorSchema, totpCodeSchema } from '@/lib/twofactor/schemas';

// Code-checking actions are rate limited per user: six digits must not be guessable by retrying.
const CODE_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

export const startTwoFactorAction = defineAction({
  name: 'totp.start',
  permission: 'account.manage',
  input: startTwoFactorSchema,
  // A new factor is a new way in: a stolen session must not add its own (and with a passkey on, only
  // the passkey or a recovery code can agree to it).
  stepUp: 'second_factor',
  rateLimit: { limit: 10, windowSeconds: 3600 },
  run: ({ ctx, input }) => startTwoFactorEnrolment({ ctx, input }),
});

export const confirmTwoFactorAction = defineAction({
  name: 'totp.confirm',
  permission: 'account.manage',
  input: totpCodeSchema,
  stepUp: 'second_factor',
  rateLimit: CODE_LIMIT,
  run: ({ ctx, input }) => confirmTwoFactor({ ctx, input }),
  revalidate: ['/account'],
});

export const disableTwoFactorAction = defineAction({
  name: 'totp.disable',
  permission: 'account.manage',
  input: codeSchema,
  rateLimit: CODE_LIMIT,
  run: ({ ctx, input }) => disableTwoFactor({ ctx, input }),
  // Not /account/two-factor itself: re-rendering it would replace the confirmation on screen.
  revalidate: ['/account'],
});

export const regenerateRecoveryCodesAction = defineAction({
  name: 'totp.recovery_codes',
  permission: 'account.manage',
  input: codeSchema,
  rateLimit: CODE_LIMIT,
  run: ({ ctx, input }) => regenerateRecoveryCodes({ ctx, input }),
});

// Passkeys. Adding one is a new way into the account, so it needs a fresh step-up like any recovery
// change; so does removing one (a stolen session must not strip the owner's strongest factor). When
// the account already has a second factor, the proof must be made with it: a password someone else
// learned is not enough to add their own passkey or to remove the owner's.
const PASSKEY_LIMIT = { limit: 20, windowSeconds: 3600, bucket: 'passkey.manage' };

export const passkeyRegistrationOptionsAction = defineAction({
  name: 'passkey.options',
  permission: 'account.manage',
  input: noInputSchema,
  stepUp: 'second_factor',
  rateLimit: PASSKEY_LIMIT,
  run: ({ ctx, input }) => startPasskeyRegistration({ ctx, input }),
});

export const registerPasskeyAction = defineAction({
  name: 'passkey.register',
  permission: 'account.manage',
  input: registerPasskeySchema,
  stepUp: 'second_factor',
  rateLimit: PASSKEY_LIMIT,
  run: ({ ctx, input }) => registerPasskey({ ctx, input }),
  revalidate: ['/account'],
});

export const removePasskeyAction = defineAction({
  name: 'passkey.remove',
  permission: 'account.manage',
  input: passkeyIdSchema,
  stepUp: 'second_factor',
  rateLimit: PASSKEY_LIMIT,
  run: ({ ctx, input }) => removePasskey({ ctx, input }),
  revalidate: ['/account'],
});

// New recovery codes behind a proof made with the passkey (the app's form asks for a code instead).
export const replaceRecoveryCodesAction = defineAction({
  name: 'passkey.recovery_codes',
  permission: 'account.manage',
  input: noInputSchema,
  stepUp: 'second_factor',
  rateLimit: PASSKEY_LIMIT,
  run: ({ ctx, input }) => replaceRecoveryCodes({ ctx, input }),
});
