import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, flags } from '@/db/schema';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
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
 * address's mail may reach a stranger); a reset link also needs the address chosen for recovery.
 * Returns why the mail must not go out, or null.
 */
export async function recipientProblem(db: DbOrTx, r: OutgoingRecipient): Promise<string | null> {
  if (!r.address) return 'no recipient address';
  const [row] = await db
    .select({ id: emails.id, userId: emails.userId, domain: emails.domain, verified: emails.verified, useForRecovery: emails.useForRecovery })
    .from(emails)
    .where(eq(emails.address, r.address.toLowerCase()))
    .limit(1);
  if (!row || row.userId !== r.userId) return 'the address was removed from the account';
  // The domain that was checked is the one the mail is delivered to, or nothing is sent.
  const parsed = normalizeEmailDomain(r.address);
  if (!parsed.ok || parsed.registrableDomain !== row.domain) return 'the address does not belong to the domain that was checked';
  // A verification link goes to the unverified address by design: it is how the address proves itself.
  if (r.kind === 'verify_address') return row.id === r.emailId ? null : 'the address was removed from the account';
  if (!row.verified) return 'the address is no longer verified';
  const live = await db
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.emailId, row.id), inArray(flags.state, ['open', 'pending_review'])))
    .limit(1);
  if (live.length > 0) return 'the address is flagged: its domain lapsed or changed hands';
  if (r.kind === 'password_reset' && !row.useForRecovery) return 'the address is no longer used for recovery';
  return null;
}
