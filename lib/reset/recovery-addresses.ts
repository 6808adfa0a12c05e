import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails } from '@/db/schema';
import { REGISTRY_STAGES, type Stage } from '@/core/domains';

export interface RecoveryCandidate {
  id: number;
  address: string;
  domain: string;
  verified: boolean;
  useForRecovery: boolean;
  flagged: boolean;
  /** Staff restored it after a lapse (an override in force): their decision stands over the domain's stage. */
  staffRestored: boolean;
  /** A big provider's domain (the trusted list): never watched, cannot lapse to a stranger. */
  trustedDomain: boolean;
  /** The domain's stored stage and last successful check; null when nobody watches it. */
  domainStage: Stage | null;
  domainCheckedAt: Date | null;
  recoveryHoldUntil: Date | null;
}

/** Why an address may not receive a reset link, or null. The cool-down is decided per account, below. */
export type ResetBlock = 'unverified' | 'not_for_recovery' | 'flagged' | 'domain_not_watched' | 'domain_lapsing';

// The stages in which a custom domain is still its owner's for sure. `grace` is not: the registration
// has expired and the registrar may already serve a parking page or hand it on.
const SAFE_STAGES: readonly Stage[] = ['active', 'expiring'];
/** The registry stages in which a domain's mail may reach someone else: the gate's `domain_lapsing`. */
export const UNSAFE_STAGES: readonly Stage[] = REGISTRY_STAGES.filter((s) => !SAFE_STAGES.includes(s));

/**
 * Every address of a user with what the reset gate needs (one query; user 0 matches none). The user
 * is given by id, or by one of its addresses (the eligibility API: still one query).
 */
export async function recoveryCandidates(tx: DbOrTx, user: number | { address: string }): Promise<RecoveryCandidate[]> {
  const owner =
    typeof user === 'number'
      ? eq(emails.userId, user)
      : sql`${emails.userId} = (select o.user_id from emails o where o.address = ${user.address})`;
  const rows = await tx
    .select({
      id: emails.id,
      address: emails.address,
      domain: emails.domain,
      verified: emails.verified,
      useForRecovery: emails.useForRecovery,
      recoveryHoldUntil: emails.recoveryHoldUntil,
      // Open, or held for staff review: either way we do not trust the mailbox. Columns are spelled
      // out: drizzle renders a column in a select list unqualified ("id"), which inside a subquery
      // would mean the subquery's own table.
      flagged: sql<boolean>`exists (select 1 from flags f where f.email_id = "emails"."id" and f.state in ('open', 'pending_review'))`,
      staffRestored: sql<boolean>`exists (select 1 from flags f where f.email_id = "emails"."id" and f.state = 'overridden')`,
      trustedDomain: sql<boolean>`exists (select 1 from domain_lists l where l.domain = "emails"."domain" and l.list = 'trusted')`,
      domainStage: sql<Stage | null>`(select d.stage from domains d where d.name = "emails"."domain")`,
      domainCheckedAt: sql<string | null>`(select d.last_checked_at from domains d where d.name = "emails"."domain")`,
    })
    .from(emails)
    .where(owner)
    .orderBy(emails.id);
  return rows.map((r) => ({ ...r, domainCheckedAt: r.domainCheckedAt === null ? null : new Date(r.domainCheckedAt) }));
}

/**
 * The gate for one address: verified, unflagged, chosen for recovery, and either at a big provider
 * or at a custom domain that we watch, have checked, and last saw in its owner's hands.
 */
export function resetBlock(a: RecoveryCandidate): ResetBlock | null {
  if (a.flagged) return 'flagged';
  if (!a.verified) return 'unverified';
  if (!a.useForRecovery) return 'not_for_recovery';
  if (a.trustedDomain || a.staffRestored) return null;
  if (a.domainStage === null || a.domainCheckedAt === null || a.domainStage === 'unknown') return 'domain_not_watched';
  if (!SAFE_STAGES.includes(a.domainStage)) return 'domain_lapsing';
  return null;
}

export function canReceiveReset(a: RecoveryCandidate): boolean {
  return resetBlock(a) === null;
}

/**
 * The addresses a reset link goes to. The recovery cool-down: an address added or chosen for
 * recovery in the last 72 hours waits while the account has another address that passes the gate,
 * so a stolen session cannot add its own address and reset the password at once; an account whose
 * only good addresses are new still gets its link (otherwise the owner would be locked out).
 */
export function resetRecipients(
  candidates: RecoveryCandidate[],
  now: Date,
): { recipients: RecoveryCandidate[]; held: RecoveryCandidate[] } {
  const eligible = candidates.filter(canReceiveReset);
  const isHeld = (a: RecoveryCandidate) =>
    a.recoveryHoldUntil !== null && a.recoveryHoldUntil.getTime() > now.getTime();
  const settled = eligible.filter((a) => !isHeld(a));
  if (settled.length === 0) return { recipients: eligible, held: [] };
  return { recipients: settled, held: eligible.filter(isHeld) };
}
