import { z } from 'zod';
import { DEFAULT_WARNING_WINDOW_DAYS } from '@/lib/domains/classify';
import type { Stage } from '@/core/domains';

// What the engine does at each stage, how much it may do in one run, and how often it looks again.
// Stored as JSON in the settings table; anything missing falls back to the defaults here.

export const POLICY_ACTIONS = ['none', 'warn', 'unverify'] as const;
export type PolicyActionKind = (typeof POLICY_ACTIONS)[number];

const action = z.enum(POLICY_ACTIONS);
// `active` and `unknown` are fixed to 'none': a registered domain has nothing to act on, and
// `unknown` means the sources failed; no setting may turn a provider outage into unverified users.
const none = z.literal('none');

export const stageActionsSchema = z.object({
  active: none.default('none'),
  expiring: action.default('warn'),
  grace: action.default('warn'),
  redemption: action.default('unverify'),
  pending_delete: action.default('unverify'),
  available: action.default('unverify'),
  re_registered: action.default('unverify'),
  unknown: none.default('none'),
}) satisfies z.ZodType<Record<Stage, PolicyActionKind>>;

export const blastRadiusSchema = z.object({
  /** Most addresses one run may unverify; above it every unverify of the run waits for review. */
  maxUnverify: z.number().int().min(0).default(50),
  /** Same, as a share of the verified addresses the run looked at (0..1). */
  maxShare: z.number().min(0).max(1).default(0.2),
});

export const recheckSchema = z.object({
  /** Registered and far from expiry. */
  farDays: z.number().positive().max(365).default(30),
  /** Inside the warning window. */
  nearExpiryDays: z.number().positive().max(365).default(1),
  /** Grace, redemption, pending delete, available, re-registered: things move daily. */
  lapsingDays: z.number().positive().max(365).default(1),
  /** After a failed check: base · 2^(failures − 1) minutes, capped. */
  errorBackoffBaseMinutes: z.number().positive().default(60),
  errorBackoffMaxMinutes: z.number().positive().default(1440),
});

export const policySettingsSchema = z.object({
  // prefault, not default: zod 4 returns a default as-is without parsing it, so the inner defaults
  // would never be filled in for a missing object.
  stageActions: stageActionsSchema.prefault({}),
  warningWindowDays: z.number().int().min(1).max(365).default(DEFAULT_WARNING_WINDOW_DAYS),
  blastRadius: blastRadiusSchema.prefault({}),
  recheck: recheckSchema.prefault({}),
});

export type PolicySettings = z.output<typeof policySettingsSchema>;
export type PolicySettingsInput = z.input<typeof policySettingsSchema>;

export const DEFAULT_POLICY_SETTINGS: PolicySettings = policySettingsSchema.parse({});

export type SettingsResult = { ok: true; value: PolicySettings } | { ok: false; issues: string[] };

/** Parses stored or submitted settings; never throws. */
export function parsePolicySettings(input: unknown): SettingsResult {
  const parsed = policySettingsSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
