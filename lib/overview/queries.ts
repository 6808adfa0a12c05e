import { count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags, scans } from '@/db/schema';
import type { ScanKind, ScanState } from '@/db/schema/enums';
import type { ScanCounters } from '@/db/schema/scans';
import type { SourceName, Stage } from '@/core/domains';
import { notCandidateOnly } from '@/lib/lookalikes/candidate-only';
import { getFlagsPerDay, getSourceHealth } from './activity';

export interface OverviewCounts {
  addresses: number;
  verifiedAddresses: number;
  customDomains: number;
  lapsingDomains: number;
  openFlagsByStage: { stage: Stage; count: number }[];
  openFlags: number;
  pendingReview: number;
  /** Accounts with an open or pending flag and no second factor: a takeover hits these hardest. */
  flaggedWithoutSecondFactor: number;
  lastScans: {
    id: number;
    kind: ScanKind;
    state: ScanState;
    trigger: string;
    target: string | null;
    createdAt: string;
    finishedAt: string | null;
    total: number;
    checked: number;
    counters: ScanCounters;
  }[];
  /** Flags opened and resolved per UTC day, oldest first, for the last 90 days. */
  flagsPerDay: { day: string; opened: number; resolved: number }[];
  /** The last 24 hours of source checks. */
  sourceHealth: { source: SourceName; checks: number; errors: number; p50Ms: number | null; p95Ms: number | null }[];
}

/** What the overview shows: everything counted by the database, nothing assumed. Dates as ISO strings. */
export async function getOverviewCounts(db: DbOrTx): Promise<OverviewCounts> {
  const [addressRow] = await db
    .select({ all: count(), verified: sql<number>`count(*) filter (where ${emails.verified})`.mapWith(Number) })
    .from(emails);
  const [domainRow] = await db
    .select({
      all: count(),
      lapsing:
        sql<number>`count(*) filter (where ${domains.stage} in ('grace','redemption','pending_delete','available','re_registered'))`.mapWith(
          Number,
        ),
    })
    .from(domains)
    // Maintainers' domains: a look-alike candidate no address uses is the look-alike watch's, and
    // its "available" stage is not a lapse of anyone's address.
    .where(notCandidateOnly);
  const byStage = await db
    .select({ stage: flags.stage, count: count() })
    .from(flags)
    .where(eq(flags.state, 'open'))
    .groupBy(flags.stage)
    .orderBy(desc(count()));
  const [pending] = await db.select({ n: count() }).from(flags).where(eq(flags.state, 'pending_review'));
  const [exposed] = await db.execute<{ n: number }>(sql`
    select count(distinct e.user_id)::int as n
    from ${flags} f join ${emails} e on e.id = f.email_id join users u on u.id = e.user_id
    where f.state in ('open', 'pending_review') and not u.totp_enabled and u.passkey_count = 0`);
  const recent = await db.select().from(scans).orderBy(desc(scans.createdAt), desc(scans.id)).limit(5);
  const [flagsPerDay, sourceHealth] = await Promise.all([getFlagsPerDay(db, 90), getSourceHealth(db)]);
  return {
    addresses: addressRow?.all ?? 0,
    verifiedAddresses: addressRow?.verified ?? 0,
    customDomains: domainRow?.all ?? 0,
    lapsingDomains: domainRow?.lapsing ?? 0,
    openFlagsByStage: byStage,
    openFlags: byStage.reduce((sum, row) => sum + row.count, 0),
    pendingReview: pending?.n ?? 0,
    flaggedWithoutSecondFactor: Number(exposed?.n ?? 0),
    lastScans: recent.map((s) => ({
      id: s.id,
      kind: s.kind,
      state: s.state,
      trigger: s.trigger,
      target: s.target,
      createdAt: s.createdAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      total: s.total,
      checked: s.checked,
      counters: s.counters,
    })),
    flagsPerDay,
    sourceHealth,
  };
}
