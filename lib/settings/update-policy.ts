import { settings } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { parseInput } from '@/lib/auth/parse-input';
import { recordAudit } from '@/lib/audit/record';
import { type PolicySettings, type PolicySettingsInput, policySettingsSchema } from '@/lib/policy/settings';
import { getPolicySettings, POLICY_SETTINGS_KEY } from './policy';

// What the settings form may store: the policy schema plus the cross-field rules it cannot express.
export const policyUpdateSchema = policySettingsSchema
  .refine((p) => p.recheck.errorBackoffBaseMinutes <= p.recheck.errorBackoffMaxMinutes, {
    path: ['recheck', 'errorBackoffMaxMinutes'],
    message: 'the longest back-off must be at least the first one',
  })
  .refine((p) => p.recheck.nearExpiryDays <= p.recheck.farDays, {
    path: ['recheck', 'nearExpiryDays'],
    message: 'domains near expiry must be checked at least as often as the others',
  });

/** Paths whose value differs ("blastRadius.maxUnverify"), for the audit row and the reply. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) =>
      changedPaths(
        (before as Record<string, unknown>)[k],
        (after as Record<string, unknown>)[k],
        prefix ? `${prefix}.${k}` : k,
      ),
    );
  }
  return Object.is(before, after) ? [] : [prefix || '(root)'];
}

/**
 * Replaces the stored policy with a validated one. The audit row keeps before and after, so any
 * change can be read back and undone; an unchanged submit writes nothing.
 */
export async function updatePolicySettings({
  ctx,
  input,
}: {
  ctx: VerbContext<Actor>;
  input: PolicySettingsInput;
}): Promise<{ settings: PolicySettings; changed: string[] }> {
  const { tx, actor, now } = ctx;
  const after = parseInput(policyUpdateSchema, input);
  const before = await getPolicySettings(tx);
  const changed = changedPaths(before, after);
  if (changed.length === 0) return { settings: before, changed };
  const updatedBy = actor.type === 'user' ? actor.id : null;
  await tx
    .insert(settings)
    .values({ key: POLICY_SETTINGS_KEY, value: after, updatedBy, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy, updatedAt: now } });
  await recordAudit(tx, actor, {
    action: 'settings.update',
    targetType: 'settings',
    targetId: POLICY_SETTINGS_KEY,
    details: { before, after, changed },
  });
  return { settings: after, changed };
}
