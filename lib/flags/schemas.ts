import { z } from 'zod';
import { FLAG_STATES, OVERRIDE_DECISIONS } from '@/db/schema/enums';
import { MIN_RELEASE_REASON } from '@/lib/auth/release-rules';
import { STAGES } from '@/core/domains';

// One schema per input, shared by the dashboard's forms and the server (which parses again whatever
// the form checked). FormData values are strings, so ids are coerced.

/** Bulk actions act on at most one page of the flags table at a time. */
export const MAX_BULK_FLAGS = 200;

export const flagIdsSchema = z
  .array(z.coerce.number().int().positive())
  .min(1, 'Select at least one flag.')
  .max(MAX_BULK_FLAGS, `Select at most ${MAX_BULK_FLAGS} flags at a time.`)
  .transform((ids) => [...new Set(ids)]);

export const REVIEW_DECISIONS = ['confirm', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const REASON_NEEDED = `Give a reason of at least ${MIN_RELEASE_REASON} characters.`;
const REASON_TOO_LONG = 'Keep the reason under 1,000 characters.';
const reasonSchema = z
  .string({ error: REASON_NEEDED })
  .trim()
  .min(MIN_RELEASE_REASON, REASON_NEEDED)
  .max(1000, REASON_TOO_LONG);

export const reviewFlagsSchema = z.object({
  flagIds: flagIdsSchema,
  decision: z.enum(REVIEW_DECISIONS, { error: 'Choose whether the scan was right (confirm) or wrong (reject).' }),
  // Optional in general; a reject on a stage whose release rule is admin_with_reason needs one of at
  // least MIN_RELEASE_REASON characters, checked in the verb with the flags' stages in hand.
  reason: z
    .string()
    .trim()
    .max(1000, REASON_TOO_LONG)
    .optional()
    .transform((v) => v || undefined),
});
export type ReviewFlagsInput = z.input<typeof reviewFlagsSchema>;

export const overrideFlagsSchema = z.object({
  flagIds: flagIdsSchema,
  decision: z.enum(OVERRIDE_DECISIONS, { error: 'Choose to keep the addresses unverified or to restore them.' }),
  reason: reasonSchema,
  // ISO date or date-time; empty means "no expiry". Checked against the clock in the verb.
  // (A Date too: the action parses the input, then the verb parses the parsed value again.)
  expiresAt: z
    .union([z.date(), z.literal(''), z.iso.date(), z.iso.datetime({ offset: true })], {
      error: 'The expiry is not a date we can read: use the date picker, or leave it empty.',
    })
    .nullish()
    .transform((v) => (v instanceof Date ? v : v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : null)),
  /** Typed by an admin restoring addresses on a re-registered domain: the domain's name. */
  confirmation: z.string().trim().max(300, "Type just the domain's name to confirm.").optional(),
});
export type OverrideFlagsInput = z.input<typeof overrideFlagsSchema>;

export const notifyFlagsSchema = z.object({ flagIds: flagIdsSchema });
export type NotifyFlagsInput = z.input<typeof notifyFlagsSchema>;

export const flagStateSchema = z.enum(FLAG_STATES);
export const stageSchema = z.enum(STAGES);
