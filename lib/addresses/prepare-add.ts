import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domainLists } from '@/db/schema';
import type { Stage } from '@/core/domains';
import { type NewAddressCheck, parseNewAddress } from './add';

/** Checks a domain against the live sources now and records it (lib/scans/check-now.ts in the app). */
export type FreshDomainCheck = (domain: string) => Promise<{ stage: Stage }>;

/**
 * Before an address is added (outside the transaction: it is network work): a custom domain is put
 * under watch and checked at once, so no verification link goes to a domain nobody has looked at.
 * A big provider's domain (the trusted list) is not watched; a blocked one is refused by the verb.
 */
export async function prepareNewAddress(db: Db, raw: string, check: FreshDomainCheck): Promise<NewAddressCheck> {
  const { registrableDomain: domain } = parseNewAddress(raw);
  const [listed] = await db.select({ list: domainLists.list }).from(domainLists).where(eq(domainLists.domain, domain));
  if (listed?.list === 'trusted') return { domain, trusted: true };
  if (listed?.list === 'blocked') return { domain, blocked: true };
  const { stage } = await check(domain);
  return { domain, stage };
}
