import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails } from '@/db/schema';
import type { Stage } from './types';

export interface DomainRow {
  name: string;
  stage: Stage;
  stageSince: string | null;
  expiresAt: string | null;
  registrar: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  addresses: number;
}

/** Custom domains watched, lapsing stages first, with how many addresses sit on each. */
export async function listDomains(db: DbOrTx, options: { stage?: Stage; limit?: number } = {}): Promise<DomainRow[]> {
  const stageOrder = sql`array_position(array['re_registered','available','pending_delete','redemption','grace','expiring','unknown','active']::domain_stage[], ${domains.stage})`;
  const rows = await db
    .select({
      name: domains.name,
      stage: domains.stage,
      stageSince: domains.stageSince,
      expiresAt: domains.expiresAt,
      registrar: domains.registrar,
      lastCheckedAt: domains.lastCheckedAt,
      nextCheckAt: domains.nextCheckAt,
      addresses: count(emails.id),
    })
    .from(domains)
    .leftJoin(emails, eq(emails.domain, domains.name))
    .where(options.stage ? eq(domains.stage, options.stage) : undefined)
    .groupBy(domains.id)
    .orderBy(stageOrder, asc(domains.expiresAt), desc(domains.id))
    .limit(options.limit ?? 200);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    ...r,
    stageSince: iso(r.stageSince),
    expiresAt: iso(r.expiresAt),
    lastCheckedAt: iso(r.lastCheckedAt),
    nextCheckAt: iso(r.nextCheckAt),
  }));
}
