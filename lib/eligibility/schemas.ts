import { z } from 'zod';
import { normalizeAddress } from '@/lib/domains/normalize';

// The address is read by the same strict mailbox grammar as everywhere else (one spelling per
// mailbox, IDN domains in punycode), so the registry's spelling and ours always meet.
export const eligibilityQuerySchema = z.object({
  address: z
    .string({ error: 'add ?address= with the address the reset link would go to' })
    .trim()
    .min(1, 'add ?address= with the address the reset link would go to')
    .max(320, 'an address has at most 320 characters')
    .transform((raw, ctx) => {
      const address = normalizeAddress(raw);
      if (!address) {
        ctx.addIssue({ code: 'custom', message: `${raw} is not an email address we can deliver to` });
        return z.NEVER;
      }
      return address;
    }),
});

/**
 * Why an address may (`eligible`) or may not receive a password-reset link now. The blocks are the
 * reset gate's own (lib/reset/recovery-addresses.ts); `recovery_hold` is its cool-down.
 */
export const ELIGIBILITY_REASONS = [
  'eligible',
  'unknown_address',
  'unverified',
  'not_for_recovery',
  'flagged',
  'domain_not_watched',
  'domain_lapsing',
  'recovery_hold',
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];
