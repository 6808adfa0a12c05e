import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails } from '@/db/schema';

export interface RecoveryCandidate {
  id: number;
  address: string;
  verified: boolean;
  useForRecovery: boolean;
  flagged: boolean;
}

/** Every address of a user with what the reset gate needs (one query; user 0 matches none). */
export async function recoveryCandidates(tx: DbOrTx, userId: number): Promise<RecoveryCandidate[]> {
  return tx
    .select({
      id: emails.id,
      address: emails.address,
      verified: emails.verified,
      useForRecovery: emails.useForRecovery,
      // Open, or held for staff review: either way we do not trust the mailbox. The column is spelled
      // out: drizzle renders a column in a select list unqualified ("id"), which inside the subquery
      // would mean f.id.
      flagged: sql<boolean>`exists (select 1 from flags f where f.email_id = "emails"."id" and f.state in ('open', 'pending_review'))`,
    })
    .from(emails)
    .where(eq(emails.userId, userId))
    .orderBy(emails.id);
}

/** The gate: a reset link goes only to an address that is verified, unflagged and chosen for recovery. */
export function canReceiveReset(a: RecoveryCandidate): boolean {
  return a.verified && a.useForRecovery && !a.flagged;
}
