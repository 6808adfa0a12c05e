import { z } from 'zod';
import { ADDRESS_TOO_LONG, linkTokenSchema, MAX_ADDRESS_LENGTH } from '@/lib/addresses/schemas';
import { passwordSchema } from '@/lib/users/schemas';

export const resetRequestSchema = z.object({
  // A username or an address; what it is decides nothing in the answer. Usernames are shorter than
  // addresses, so the address's limit is the one to name.
  input: z
    .string({ error: 'Type your username or email address.' })
    .trim()
    .min(1, 'Type your username or email address.')
    .max(MAX_ADDRESS_LENGTH, ADDRESS_TOO_LONG),
});

export const resetCompleteSchema = z
  .object({
    token: linkTokenSchema,
    password: passwordSchema,
    confirm: z.string({ error: 'Type the new password a second time.' }),
  })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords differ.', path: ['confirm'] });

export const RESET_OUTCOMES = [
  'sent',
  'refused_unverified',
  'refused_flagged',
  'refused_domain',
  'no_recovery_address',
  'unknown_input',
  'rate_limited',
] as const;
export type ResetOutcome = (typeof RESET_OUTCOMES)[number];

/** Per typed input and per client address, in a 15-minute window. */
export const RESET_LIMITS = { perInput: 5, perIp: 20, windowSeconds: 15 * 60 } as const;

/** The one answer the reset page gives, whatever was typed (no account enumeration). */
export const RESET_REQUESTED_MESSAGE =
  'If that matches an account with an address that can receive it, we have sent a reset link. It works for 30 minutes. Nothing arrived? Check your spam folder, or ask again in 15 minutes.';
