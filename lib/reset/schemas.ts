import { z } from 'zod';
import { passwordSchema } from '@/lib/users/schemas';

export const resetRequestSchema = z.object({
  // A username or an address; what it is decides nothing in the answer.
  input: z.string().trim().min(1, 'enter your username or email address').max(320),
});

export const resetCompleteSchema = z
  .object({
    token: z.string().trim().min(1).max(100),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: 'the two passwords differ', path: ['confirm'] });

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
