import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainLists, domains, emails } from '@/db/schema';
import type { Stage } from '@/core/domains';
import { PRIMARY_FALLBACK } from './primary-fallback';

/** Why the product made an address primary (lib/addresses/primary-fallback.ts), from its audit row. */
export interface PrimaryBecause {
  /** When the primary moved (ISO). */
  at: string;
  /** The address that was primary before, and lost its verification. */
  previous: string;
  domain: string;
  stage: Stage | null;
  /** 'domain_lifecycle': its domain lapsed; 'staff': our trust and safety team unverified it. */
  unverifyReason: 'domain_lifecycle' | 'staff';
}

// For the primary address only: the latest `email.set_primary` row about it, if the product wrote it
// (a later change by the owner is newer and answers null). The audit table is the record of why.
const primaryBecause = () => sql<PrimaryBecause | null>`case when ${emails.isPrimary} then (
    select case when a.details->>'because' = ${PRIMARY_FALLBACK} then jsonb_build_object(
      'at', a.at, 'previous', a.details->>'previous', 'domain', a.details->>'domain',
      'stage', a.details->>'stage', 'unverifyReason', a.details->>'unverifyReason') end
    from audit_log a
    where a.target_type = 'email' and a.target_id = ${emails.id}::text and a.action = 'email.set_primary'
    order by a.at desc, a.id desc limit 1) end`;

/**
 * A user's addresses with the state of their domain, primary first: what the account page and the
 * staff user page both show. `stage` is null for a domain not watched (a trusted provider, or not
 * checked yet); `trusted` tells the two apart. `primaryBecause` says why the product moved the
 * primary here, when it did.
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
      primaryBecause: primaryBecause(),
    })
    .from(emails)
    .leftJoin(domains, eq(domains.name, emails.domain))
    .leftJoin(domainLists, and(eq(domainLists.domain, emails.domain), eq(domainLists.list, 'trusted')))
    .where(eq(emails.userId, userId))
    .orderBy(desc(emails.isPrimary), asc(emails.address));
}
