import { z } from 'zod';

// One schema per input, shared by the account page's forms and the server (FormData values are strings).

export const addAddressSchema = z.object({
  address: z.string().trim().min(3, 'enter an email address').max(320, 'the address is too long'),
});

export const emailIdSchema = z.object({
  emailId: z.coerce.number().int().positive(),
});

export const setRecoverySchema = z.object({
  emailId: z.coerce.number().int().positive(),
  // A checkbox posts "on"; a hidden field posts "true" / "false".
  useForRecovery: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
});

export const verifyTokenSchema = z.object({
  token: z.string().trim().min(1).max(100),
});

/** How many addresses one account may hold: enough for every real need, not a spam relay. */
export const MAX_ADDRESSES_PER_USER = 10;
