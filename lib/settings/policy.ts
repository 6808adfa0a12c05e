import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { settings } from '@/db/schema';
import { DEFAULT_POLICY_SETTINGS, type PolicySettings, parsePolicySettings } from '@/lib/policy/settings';

export const POLICY_SETTINGS_KEY = 'policy';

/**
 * The policy in force: the stored settings over the defaults. A stored value that no longer parses
 * (e.g. written by an older version) falls back to the defaults rather than stopping every scan.
 */
export async function getPolicySettings(db: DbOrTx): Promise<PolicySettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, POLICY_SETTINGS_KEY));
  if (!row) return DEFAULT_POLICY_SETTINGS;
  const parsed = parsePolicySettings(row.value);
  if (!parsed.ok) {
    console.error(`[gravekeeper] stored policy settings are invalid, using defaults: ${parsed.issues.join('; ')}`);
    return DEFAULT_POLICY_SETTINGS;
  }
  return parsed.value;
}
