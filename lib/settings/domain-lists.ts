import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainLists } from '@/db/schema';

export type DomainListName = 'trusted' | 'blocked';

/** The trusted (never checked) or blocked (cannot be added) domains, alphabetically. */
export async function listDomainList(db: DbOrTx, list: DomainListName) {
  return db.select().from(domainLists).where(eq(domainLists.list, list)).orderBy(asc(domainLists.domain));
}

/** Whether the registrable domain is on the trusted list: such domains are never checked. */
export async function isTrustedDomain(db: DbOrTx, domain: string): Promise<boolean> {
  const rows = await db.select({ list: domainLists.list }).from(domainLists).where(eq(domainLists.domain, domain));
  return rows[0]?.list === 'trusted';
}
