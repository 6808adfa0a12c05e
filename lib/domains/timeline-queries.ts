import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainObservations, domains, emails, flags, scans, users } from '@/db/schema';
import type { ScanKind, ScanState } from '@/db/schema/enums';
import { type FlagSummary, flagSummaryColumns, newestFlagsFirst, withIsoDates } from '@/lib/flags/summary';
import { registrableDomainOf } from './normalize';
import type { EvidenceItem, SourceName, Stage, Timeline } from '@/core/domains';

// Everything the domain page shows, in one read: the domain as last classified, its stage history,
// what each source said, and who is exposed (addresses, users, flags). Dates are ISO strings.

export interface StageChange {
  stage: Stage;
  at: string;
}

export interface ObservationRow {
  id: number;
  scanId: number | null;
  observedAt: string;
  source: SourceName;
  statusWords: string[] | null;
  parsedStage: Stage | null;
  registrar: string | null;
  registeredAt: string | null;
  expiresAt: string | null;
  deletionAt: string | null;
  evidence: EvidenceItem[] | null;
  error: string | null;
  latencyMs: number | null;
}

export interface DomainDetail {
  /** When this was read: the timeline's "now", the same on the server and after hydration. */
  now: string;
  name: string;
  stage: Stage;
  stageSince: string | null;
  registeredAt: string | null;
  expiresAt: string | null;
  registrar: string | null;
  handle: string | null;
  timeline: Timeline | null;
  evidence: EvidenceItem[] | null;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  stageChanges: StageChange[];
  observations: ObservationRow[];
  flags: (FlagSummary & { address: string; userId: number; username: string })[];
  scans: { id: number; kind: ScanKind; state: ScanState; createdAt: string; finishedAt: string | null }[];
  addresses: {
    id: number;
    address: string;
    verified: boolean;
    unverifyReason: string | null;
    userId: number;
    username: string;
    totpEnabled: boolean;
    passkeys: number;
  }[];
  addressCount: number;
}

// The page lists the latest checks; the stage history above it comes from every check (stageChanges).
export const TIMELINE_OBSERVATIONS = 40;
export const DOMAIN_ADDRESSES = 50;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The domain by name (any spelling: Unicode, upper case, an address on it), or null. */
export async function getDomainDetail(db: DbOrTx, input: string): Promise<DomainDetail | null> {
  const normalized = registrableDomainOf(input);
  const name = normalized.ok ? normalized.registrableDomain : input.trim().toLowerCase();
  const [domain] = await db.select().from(domains).where(eq(domains.name, name)).limit(1);
  if (!domain) return null;
  const [changes, observations, flagRows, scanRows, addressRows, [counted]] = await Promise.all([
    // Where the classified stage changed, over the whole history. 'unknown' checks are left out: a
    // failed check says nothing about the domain, and the engine keeps the last known stage then.
    db.execute<{ stage: Stage; at: string }>(sql`
      select parsed_stage as stage, observed_at::text as at from (
        select parsed_stage, observed_at,
               lag(parsed_stage) over (order by observed_at, id) as previous
        from ${domainObservations}
        where domain_id = ${domain.id} and parsed_stage is not null and parsed_stage <> 'unknown'
      ) o
      where previous is distinct from parsed_stage
      order by observed_at`),
    db
      .select()
      .from(domainObservations)
      .where(eq(domainObservations.domainId, domain.id))
      .orderBy(desc(domainObservations.observedAt), desc(domainObservations.id))
      .limit(TIMELINE_OBSERVATIONS),
    db
      .select({
        ...flagSummaryColumns,
        address: emails.address,
        userId: users.id,
        username: users.username,
      })
      .from(flags)
      .innerJoin(emails, eq(emails.id, flags.emailId))
      .innerJoin(users, eq(users.id, emails.userId))
      .where(eq(flags.domainId, domain.id))
      .orderBy(...newestFlagsFirst)
      .limit(DOMAIN_ADDRESSES),
    db
      .select({
        id: scans.id,
        kind: scans.kind,
        state: scans.state,
        createdAt: scans.createdAt,
        finishedAt: scans.finishedAt,
      })
      .from(scans)
      .where(
        or(
          and(eq(scans.kind, 'domain'), eq(scans.target, domain.name)),
          sql`${scans.id} in (select scan_id from ${domainObservations} where domain_id = ${domain.id} and ${isNotNull(domainObservations.scanId)})`,
        ),
      )
      .orderBy(desc(scans.createdAt), desc(scans.id))
      .limit(20),
    db
      .select({
        id: emails.id,
        address: emails.address,
        verified: emails.verified,
        unverifyReason: emails.unverifyReason,
        userId: users.id,
        username: users.username,
        totpEnabled: users.totpEnabled,
        passkeys: users.passkeyCount,
      })
      .from(emails)
      .innerJoin(users, eq(users.id, emails.userId))
      .where(eq(emails.domain, domain.name))
      .orderBy(emails.address)
      .limit(DOMAIN_ADDRESSES),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(emails)
      .where(eq(emails.domain, domain.name)),
  ]);
  return {
    now: new Date().toISOString(),
    name: domain.name,
    stage: domain.stage,
    stageSince: iso(domain.stageSince),
    registeredAt: iso(domain.registeredAt),
    expiresAt: iso(domain.expiresAt),
    registrar: domain.registrar,
    handle: domain.handle,
    timeline: domain.timeline,
    evidence: domain.evidence,
    lastCheckedAt: iso(domain.lastCheckedAt),
    nextCheckAt: iso(domain.nextCheckAt),
    stageChanges: changes.map((c) => ({ stage: c.stage, at: new Date(c.at).toISOString() })),
    observations: observations.map((o) => ({
      id: o.id,
      scanId: o.scanId,
      observedAt: o.observedAt.toISOString(),
      source: o.source,
      statusWords: o.statusWords,
      parsedStage: o.parsedStage,
      registrar: o.registrar,
      registeredAt: iso(o.registeredAt),
      expiresAt: iso(o.expiresAt),
      deletionAt: iso(o.deletionAt),
      evidence: o.evidence,
      error: o.error,
      latencyMs: o.latencyMs,
    })),
    flags: flagRows.map(withIsoDates),
    scans: scanRows.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), finishedAt: iso(s.finishedAt) })),
    addresses: addressRows,
    addressCount: counted?.n ?? 0,
  };
}
