import type { PolicySettings } from '@/lib/policy/settings';

// A run that would unverify many addresses at once is more likely a broken source (a registry
// answering 404 for everything, a status API answering "inactive") than a wave of lapses. Above the
// limit no unverify of the run is applied; the addresses wait for a human (RubyGems does the same
// above 20 domains).

export interface BlastRadiusInput {
  /** Unverify actions the run's decisions contain. */
  plannedUnverify: number;
  /** Verified addresses the run looked at. */
  verifiedChecked: number;
}

export type BlastRadiusVerdict = { allowed: true } | { allowed: false; reason: string };

export function checkBlastRadius(
  input: BlastRadiusInput,
  settings: Pick<PolicySettings, 'blastRadius'>,
): BlastRadiusVerdict {
  const { maxUnverify, maxShare } = settings.blastRadius;
  const { plannedUnverify, verifiedChecked } = input;
  if (plannedUnverify === 0) return { allowed: true };
  if (plannedUnverify > maxUnverify) {
    return {
      allowed: false,
      reason: `${plannedUnverify} addresses to unverify, more than the limit of ${maxUnverify}`,
    };
  }
  // The share guards small runs only once they are big enough for a share to mean anything: one
  // lapsed domain among three checked is 33 % and perfectly ordinary.
  const share = verifiedChecked > 0 ? plannedUnverify / verifiedChecked : 1;
  if (verifiedChecked >= 20 && share > maxShare) {
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    return {
      allowed: false,
      reason: `${pct(share)} of the verified addresses checked would be unverified, above ${pct(maxShare)}`,
    };
  }
  return { allowed: true };
}
