import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags } from '@/db/schema';
import type { UnverifyTarget } from '@/lib/addresses/unverify';
import { AppError } from '@/lib/errors';

export type LockedFlag = Awaited<ReturnType<typeof lockFlags>>[number];

/**
 * The flags a staff decision is about, locked until the transaction ends (two reviewers acting on the
 * same flag queue behind each other; the second sees the first's outcome). Every id must exist: a
 * selection naming a flag that is gone is refused whole rather than half applied.
 */
export async function lockFlags(tx: DbOrTx, ids: number[]) {
  const rows = await tx
    .select({
      id: flags.id,
      state: flags.state,
      stage: flags.stage,
      emailId: flags.emailId,
      address: emails.address,
      verified: emails.verified,
      verifiedAt: emails.verifiedAt,
      unverifyReason: emails.unverifyReason,
      userId: emails.userId,
      domainId: domains.id,
      domain: domains.name,
      domainStage: domains.stage,
      expiresAt: domains.expiresAt,
    })
    .from(flags)
    .innerJoin(emails, eq(emails.id, flags.emailId))
    .innerJoin(domains, eq(domains.id, flags.domainId))
    .where(inArray(flags.id, ids))
    .orderBy(flags.id)
    .for('update', { of: [flags, emails] });
  if (rows.length !== ids.length) {
    const missing = ids.length - rows.length;
    throw new AppError(
      'not_found',
      `${missing === 1 ? 'One of the selected flags no longer exists' : `${missing} of the selected flags no longer exist`}. Reload the list and try again.`,
    );
  }
  return rows;
}

/** What every audit row about a decision on a flag names. */
export const flagAuditBase = (f: LockedFlag) => ({
  address: f.address,
  userId: f.userId,
  domain: f.domain,
  stage: f.stage,
});

/**
 * The still-verified addresses behind locked flags, as targets for unverifyAddresses: a human decides on
 * locked rows, so there is no check start to compare with.
 */
export function unverifyTargets(locked: LockedFlag[], details: (f: LockedFlag) => Record<string, unknown>) {
  return locked
    .filter((f) => f.verified)
    .map(
      (f): UnverifyTarget => ({
        emailId: f.emailId,
        userId: f.userId,
        address: f.address,
        domain: f.domain,
        stage: f.stage,
        expiresAt: f.expiresAt,
        checkStartedAt: null,
        details: details(f),
      }),
    );
}
