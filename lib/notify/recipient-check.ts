import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, flags } from '@/db/schema';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import type { Stage } from '@/core/domains';
import { type ResetBlock, recoveryCandidates, resetBlock } from '@/lib/reset/recovery-addresses';
import type { NotificationKind } from './queue';

export interface OutgoingRecipient {
  userId: number;
  emailId: number | null;
  address: string | null;
  kind: NotificationKind;
}

/**
 * Checked again right before sending, because the world may have changed since the mail was
 * queued: the domain of the recipient lapsed, a scan unverified it, the user removed it. Mail other
 * than a verification link goes only to a verified, unflagged address of the same user (a lapsed
 * address's mail may reach a stranger); a reset link also passes the reset gate again, domain stage
 * included (resetBlock), so a domain found lapsing since the request gets no link.
 * Returns why the mail must not go out, or null.
 */
export async function recipientProblem(db: DbOrTx, r: OutgoingRecipient): Promise<string | null> {
  if (!r.address) return 'no recipient address';
  const [row] = await db
    .select({ id: emails.id, userId: emails.userId, domain: emails.domain, verified: emails.verified })
    .from(emails)
    .where(eq(emails.address, r.address.toLowerCase()))
    .limit(1);
  if (!row || row.userId !== r.userId) return 'the address was removed from the account';
  // The domain that was checked is the one the mail is delivered to, or nothing is sent.
  const parsed = normalizeEmailDomain(r.address);
  if (!parsed.ok || parsed.registrableDomain !== row.domain)
    return 'the address does not belong to the domain that was checked';
  // A verification link goes to the unverified address by design: it is how the address proves itself.
  if (r.kind === 'verify_address') return row.id === r.emailId ? null : 'the address was removed from the account';
  if (!row.verified) return 'the address is no longer verified';
  const live = await db
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.emailId, row.id), inArray(flags.state, ['open', 'pending_review'])))
    .limit(1);
  if (live.length > 0) return 'the address is flagged: its domain lapsed or changed hands';
  if (r.kind === 'password_reset') {
    const candidate = (await recoveryCandidates(db, r.userId)).find((c) => c.id === row.id);
    const block = candidate ? resetBlock(candidate) : 'unverified';
    if (block) return blockReason(block, row.domain, candidate?.domainStage ?? null);
  }
  return null;
}

// The stages the reset gate refuses, in words for the outbox's record of why a link was not sent.
const STAGE_WORDS: Partial<Record<Stage, string>> = {
  grace: 'past its expiry date (grace period)',
  redemption: 'in its redemption period',
  pending_delete: 'pending deletion',
  available: 'free for anyone to register',
  re_registered: 're-registered, perhaps by someone else',
};

function blockReason(block: ResetBlock, domain: string, stage: Stage | null): string {
  switch (block) {
    case 'flagged':
      return 'the address is flagged: its domain lapsed or changed hands';
    case 'unverified':
      return 'the address is no longer verified';
    case 'not_for_recovery':
      return 'the address is no longer used for recovery';
    case 'domain_not_watched':
      return `the domain ${domain} has not been checked, so it is not known to be its owner's`;
    case 'domain_lapsing':
      return `the domain ${domain} is ${STAGE_WORDS[stage ?? 'unknown'] ?? stage}: the link could reach someone else`;
  }
}
