import { z } from 'zod';
import type { ActionDefinition } from '@/lib/auth/action';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { disableTwoFactor, regenerateRecoveryCodes } from '@/lib/twofactor/disable';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { codeSchema, totpCodeSchema } from '@/lib/twofactor/schemas';

// Code-checking actions are rate limited per user: six digits must not be guessable by retrying.
const CODE_LIMIT = { limit: 10, windowSeconds: 15 * 60 };
const noInput = z.object({});

export const startTwoFactorDef = {
  permission: 'account.manage',
  input: noInput,
  rateLimit: { name: 'totp.start', limit: 10, windowSeconds: 3600 },
  run: ({ actor, tx }) => startTwoFactorEnrolment(tx, actor),
} satisfies ActionDefinition<typeof noInput, Awaited<ReturnType<typeof startTwoFactorEnrolment>>>;

export const confirmTwoFactorDef = {
  permission: 'account.manage',
  input: totpCodeSchema,
  rateLimit: { name: 'totp.confirm', ...CODE_LIMIT },
  run: ({ actor, tx }, input) => confirmTwoFactor(tx, actor, input),
  revalidate: ['/account'],
} satisfies ActionDefinition<typeof totpCodeSchema, Awaited<ReturnType<typeof confirmTwoFactor>>>;

export const disableTwoFactorDef = {
  permission: 'account.manage',
  input: codeSchema,
  rateLimit: { name: 'totp.disable', ...CODE_LIMIT },
  run: ({ actor, tx }, input) => disableTwoFactor(tx, actor, input),
  // Not /account/two-factor itself: re-rendering it would replace the confirmation on screen.
  revalidate: ['/account'],
} satisfies ActionDefinition<typeof codeSchema, Awaited<ReturnType<typeof disableTwoFactor>>>;

export const regenerateRecoveryCodesDef = {
  permission: 'account.manage',
  input: codeSchema,
  rateLimit: { name: 'totp.recovery_codes', ...CODE_LIMIT },
  run: ({ actor, tx }, input) => regenerateRecoveryCodes(tx, actor, input),
} satisfies ActionDefinition<typeof codeSchema, Awaited<ReturnType<typeof regenerateRecoveryCodes>>>;
