import { notCandidateOnly } from '@/lib/lookalikes/candidate-only';
import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains } from '@/db/schema';
import type { Stage } from '@/core/domains';

export interface DomainRow {
  name: string;
  stage: Stage;
  stageSince: string | null;
  expiresAt: string | null;
  registrar: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  addresses: number;
  liveFlags: number;
}

export const DOMAINS_PAGE_SIZE = 100;

/**
 * Custom domains watched, lapsing stages first, with how many addresses sit on each. The counts are
 * subqueries on the page's rows only (not a join over every address), so the list stays cheap with a
 * million addresses.
 */
export async function listDomains(
  db: DbOrTx,
  options: { stage?: Stage; q?: string; page?: number; limit?: number } = {},
): Promise<{ rows: DomainRow[]; hasMore: boolean }> {
  const limit = options.limit ?? DOMAINS_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const stageOrder = sql`array_position(array['re_registered','available','pending_delete','redemption','grace','expiring','unknown','active']::domain_stage[], ${domains.stage})`;
  const q = options.q?.trim().toLowerCase();
  const rows = await db
    .select({
      name: domains.name,
      stage: domains.stage,
      stageSince: domains.stageSince,
      expiresAt: domains.expiresAt,
      registrar: domains.registrar,
      lastCheckedAt: domains.lastCheckedAt,
      nextCheckAt: domains.nextCheckAt,
      // Qualified by hand: drizzle leaves columns of a single-table select unqualified, and a bare "id"
      // inside the subquery would be the flag's own id.
      addresses: sql<number>`(select count(*) from emails e where e.domain = "domains"."name")`.mapWith(Number),
      liveFlags:
        sql<number>`(select count(*) from flags f where f.domain_id = "domains"."id" and f.state in ('open', 'pending_review'))`.mapWith(
          Number,
        ),
    })
    .from(domains)
    .where(
      and(
        notCandidateOnly,
        options.stage ? eq(domains.stage, options.stage) : undefined,
        q ? ilike(domains.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(stageOrder, asc(domains.expiresAt), desc(domains.id))
    .limit(limit + 1)
    .offset((page - 1) * limit);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      ...r,
      stageSince: iso(r.stageSince),
      expiresAt: iso(r.expiresAt),
      lastCheckedAt: iso(r.lastCheckedAt),
      nextCheckAt: iso(r.nextCheckAt),
    })),
  };
}
