import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainLists, domains, emails } from '@/db/schema';

/**
 * A user's addresses with the state of their domain, primary first: what the account page and the
 * staff user page both show. `stage` is null for a domain not watched (a trusted provider, or not
 * checked yet); `trusted` tells the two apart.
 */
export async function listAddressesWithDomain(db: DbOrTx, userId: number) {
  return db
    .select({
      id: emails.id,
      address: emails.address,
      domain: emails.domain,
      isPrimary: emails.isPrimary,
      verified: emails.verified,
      verifiedAt: emails.verifiedAt,
      unverifyReason: emails.unverifyReason,
      unverifiedAt: emails.unverifiedAt,
      useForRecovery: emails.useForRecovery,
      stage: domains.stage,
      stageSince: domains.stageSince,
      expiresAt: domains.expiresAt,
      trusted: sql<boolean>`${domainLists.domain} is not null`,
    })
    .from(emails)
    .leftJoin(domains, eq(domains.name, emails.domain))
    .leftJoin(domainLists, and(eq(domainLists.domain, emails.domain), eq(domainLists.list, 'trusted')))
    .where(eq(emails.userId, userId))
    .orderBy(desc(emails.isPrimary), asc(emails.address));
}
