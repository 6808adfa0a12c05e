import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, lookalikeCandidates } from '@/db/schema';
import { readEnv } from '@/lib/env';
import { envelopeSender } from '@/lib/notify/send';

// What maintainers are told on their own page once staff have marked a look-alike malicious: the one
// address our mail comes from, and the look-alikes in use. Phishing mail copies our words; it cannot
// copy our sender, so the sender is what people are taught to check.

/** At most this many look-alikes are named: the newest marks, the ones being used now. */
export const PHISHING_DOMAINS_SHOWN = 5;

export interface PhishingWarning {
  /** The bare address every mail of ours comes from (MAIL_FROM). */
  sender: string;
  /** Look-alikes marked malicious, newest mark first, in Unicode as people see them. */
  domains: string[];
}

export async function phishingWarning(db: DbOrTx): Promise<PhishingWarning | null> {
  const rows = await db
    .select({ name: domains.name, unicode: lookalikeCandidates.unicode })
    .from(lookalikeCandidates)
    .innerJoin(domains, eq(domains.id, lookalikeCandidates.domainId))
    .where(and(eq(lookalikeCandidates.mark, 'malicious'), isNotNull(lookalikeCandidates.markedAt)))
    .orderBy(desc(lookalikeCandidates.markedAt), desc(lookalikeCandidates.domainId))
    .limit(PHISHING_DOMAINS_SHOWN);
  if (rows.length === 0) return null;
  return { sender: envelopeSender(readEnv().MAIL_FROM), domains: rows.map((r) => r.unicode || r.name) };
}
