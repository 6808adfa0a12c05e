import { z } from 'zod';

// One schema per input, shared by the account page's forms and the server (FormData values are strings).
// Messages are whole sentences: the page shows them as they are (lib/auth/parse-input.ts).

/** RFC 5321's limit; the mailbox grammar (lib/domains/mailbox.ts) counts it again in octets, same words. */
export const MAX_ADDRESS_LENGTH = 254;
export const ADDRESS_TOO_LONG = `An address has at most ${MAX_ADDRESS_LENGTH} characters.`;

export const addAddressSchema = z.object({
  address: z
    .string({ error: 'Type an email address.' })
    .trim()
    .min(1, 'Type an email address.')
    .min(3, 'That is too short to be an email address.')
    .max(MAX_ADDRESS_LENGTH, ADDRESS_TOO_LONG),
});

// Ids come from the page itself, not from typing: a bad one means the page is out of date.
const emailId = z.coerce
  .number({ error: 'The page did not say which address. Reload it and try again.' })
  .int('The page did not say which address. Reload it and try again.')
  .positive('The page did not say which address. Reload it and try again.');

export const emailIdSchema = z.object({ emailId });

export const setRecoverySchema = z.object({
  emailId,
  // A checkbox posts "on"; a hidden field posts "true" / "false".
  useForRecovery: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
});

/** A link's token as it arrives from the mail (the path of the link). */
export const linkTokenSchema = z
  .string({ error: 'This link is incomplete. Open it again from the mail.' })
  .trim()
  .min(1, 'This link is incomplete. Open it again from the mail.')
  .max(100, 'This link is not one of ours. Open it again from the mail.');

export const verifyTokenSchema = z.object({ token: linkTokenSchema });

/** How many addresses one account may hold: enough for every real need, not a spam relay. */
export const MAX_ADDRESSES_PER_USER = 10;
