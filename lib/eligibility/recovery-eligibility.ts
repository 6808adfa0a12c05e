import type { DbOrTx } from '@/db/connect';
import { recoveryCandidates, resetBlock, resetRecipients } from '@/lib/reset/recovery-addresses';
import type { EligibilityReason } from './schemas';

export interface RecoveryEligibility {
  address: string;
  eligible: boolean;
  reason: EligibilityReason;
  /** The domain's stage at its last check; null for an unknown address or an unwatched domain. */
  stage: string | null;
  /** When the domain was last checked successfully (ISO 8601), or null. */
  checkedAt: string | null;
  /** The recovery cool-down's end (ISO 8601), when one holds this address back. */
  holdUntil: string | null;
}

/**
 * Would our own reset gate send a link to `address` now? The same decision, from what is stored: a
 * registry calls this inside its reset flow, so no provider is asked here (the scans, the daily DNS
 * probe and the expiry-aware schedule keep the stored stage current; `checkedAt` says how current).
 */
export async function recoveryEligibility(db: DbOrTx, address: string, now: Date): Promise<RecoveryEligibility> {
  // One query: the owner's addresses, found through this one (none when nobody has it).
  const candidates = await recoveryCandidates(db, { address });
  const candidate = candidates.find((c) => c.address === address);
  if (!candidate)
    return { address, eligible: false, reason: 'unknown_address', stage: null, checkedAt: null, holdUntil: null };
  const { recipients, held } = resetRecipients(candidates, now);
  const block = resetBlock(candidate);
  const isHeld = held.some((c) => c.id === candidate.id);
  const reason: EligibilityReason = block ?? (isHeld ? 'recovery_hold' : 'eligible');
  return {
    address,
    eligible: recipients.some((c) => c.id === candidate.id),
    reason,
    stage: candidate.domainStage,
    checkedAt: candidate.domainCheckedAt?.toISOString() ?? null,
    holdUntil: isHeld ? (candidate.recoveryHoldUntil?.toISOString() ?? null) : null,
  };
}
