import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { domainLists } from '@/db/schema';
import { type NewAddressCheck, parseNewAddress } from './add';
import type { CheckDomainNow } from './domain-gate';
import type { addAddressSchema } from './schemas';

/**
 * The add action's `prepare` step, before the transaction (it is network work): a custom domain is
 * put under watch and checked at once, so no verification link goes to a domain nobody has looked
 * at. A big provider's domain (the trusted list) is not watched; a blocked one is refused by the verb.
 */
export async function prepareNewAddress({
  ctx,
  input,
}: {
  ctx: { db: DbOrTx; checkDomain: CheckDomainNow };
  input: z.output<typeof addAddressSchema>;
}): Promise<NewAddressCheck> {
  const { registrableDomain: domain } = parseNewAddress(input.address);
  const [listed] = await ctx.db
    .select({ list: domainLists.list })
    .from(domainLists)
    .where(eq(domainLists.domain, domain));
  if (listed?.list === 'trusted') return { domain, trusted: true };
  if (listed?.list === 'blocked') return { domain, blocked: true };
  const { stage } = await ctx.checkDomain(domain);
  return { domain, stage };
}
