import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainObservations, domains, type Scan, scans, users } from '@/db/schema';
import type { Stage } from '@/core/domains';
import { decodeCursor, encodeCursor } from '@/lib/flags/cursor';

export type ScanRow = Omit<Scan, 'createdAt' | 'startedAt' | 'finishedAt'> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestedByUsername: string | null;
};

/** Scan history, newest first. */
export async function listScans(db: DbOrTx, options: { limit?: number } = {}): Promise<ScanRow[]> {
  const rows = await db
    .select({ scan: scans, username: users.username })
    .from(scans)
    .leftJoin(users, eq(users.id, scans.requestedBy))
    .orderBy(desc(scans.createdAt), desc(scans.id))
    .limit(options.limit ?? 50);
  return rows.map(({ scan, username }) => ({
    ...scan,
    createdAt: scan.createdAt.toISOString(),
    startedAt: scan.startedAt?.toISOString() ?? null,
    finishedAt: scan.finishedAt?.toISOString() ?? null,
    requestedByUsername: username,
  }));
}

// --- Scan detail (dashboard, issue #6): added by the dashboard; read-only. ---

export type ScanDetail = ScanRow & { durationMs: number | null };

/** One scan with who asked for it and how long it ran (so far, while it runs). */
export async function getScan(db: DbOrTx, id: number): Promise<ScanDetail | null> {
  const [row] = await db
    .select({ scan: scans, username: users.username })
    .from(scans)
    .leftJoin(users, eq(users.id, scans.requestedBy))
    .where(eq(scans.id, id))
    .limit(1);
  if (!row) return null;
  const { scan, username } = row;
  const end = scan.finishedAt ?? (scan.state === 'running' ? new Date() : null);
  return {
    ...scan,
    createdAt: scan.createdAt.toISOString(),
    startedAt: scan.startedAt?.toISOString() ?? null,
    finishedAt: scan.finishedAt?.toISOString() ?? null,
    requestedByUsername: username,
    durationMs: scan.startedAt && end ? end.getTime() - scan.startedAt.getTime() : null,
  };
}

export interface ScanDomainChange {
  domain: string;
  /** The last known stage before this scan; null when this scan was the domain's first check. */
  previous: Stage | null;
  stage: Stage;
  observedAt: string;
}

/**
 * Domains whose classified stage changed in this scan: each domain's observation in the scan against
 * its last known stage before it. 'unknown' is a failed check, not a change (it lists under errors).
 */
export async function listScanDomainChanges(db: DbOrTx, scanId: number, limit = 500): Promise<ScanDomainChange[]> {
  const rows = await db.execute<{ domain: string; previous: Stage | null; stage: Stage; observed_at: string }>(sql`
    select d.name as domain, prev.parsed_stage as previous, o.parsed_stage as stage, o.observed_at
    from (
      select distinct on (domain_id) domain_id, parsed_stage, observed_at
      from domain_observations where scan_id = ${scanId}
      order by domain_id, observed_at desc
    ) o
    join domains d on d.id = o.domain_id
    left join lateral (
      select p.parsed_stage from domain_observations p
      where p.domain_id = o.domain_id and p.observed_at < o.observed_at
        and p.parsed_stage is not null and p.parsed_stage <> 'unknown'
      order by p.observed_at desc limit 1
    ) prev on true
    where o.parsed_stage is not null and o.parsed_stage <> 'unknown' and o.parsed_stage is distinct from prev.parsed_stage
    order by d.name
    limit ${limit}`);
  return rows.map((r) => ({
    domain: r.domain,
    previous: r.previous,
    stage: r.stage,
    observedAt: new Date(r.observed_at).toISOString(),
  }));
}

export interface ScanError {
  domain: string;
  source: string;
  error: string;
  observedAt: string;
}

/** Source failures during this scan, newest first. */
export async function listScanErrors(db: DbOrTx, scanId: number, limit = 200): Promise<ScanError[]> {
  const rows = await db
    .select({
      domain: domains.name,
      source: domainObservations.source,
      error: domainObservations.error,
      observedAt: domainObservations.observedAt,
    })
    .from(domainObservations)
    .innerJoin(domains, eq(domains.id, domainObservations.domainId))
    .where(and(eq(domainObservations.scanId, scanId), isNotNull(domainObservations.error)))
    .orderBy(desc(domainObservations.observedAt), desc(domainObservations.id))
    .limit(limit);
  return rows.map((r) => ({
    domain: r.domain,
    source: r.source,
    error: r.error ?? '',
    observedAt: r.observedAt.toISOString(),
  }));
}

export const SCANS_PAGE_SIZE = 50;

/** Scan history by keyset on (created_at, id), for the scans page; `nextCursor` pages to older scans. */
export async function listScansPage(
  db: DbOrTx,
  options: { cursor?: string } = {},
): Promise<{ rows: ScanRow[]; nextCursor: string | null }> {
  const cursor = decodeCursor(options.cursor);
  const rows = await db
    .select({ scan: scans, username: users.username, cursorAt: sql<string>`${scans.createdAt}::text` })
    .from(scans)
    .leftJoin(users, eq(users.id, scans.requestedBy))
    .where(cursor ? sql`(${scans.createdAt}, ${scans.id}) < (${cursor.at}::timestamptz, ${cursor.id})` : undefined)
    .orderBy(sql`${scans.createdAt} desc nulls last`, sql`${scans.id} desc nulls last`)
    .limit(SCANS_PAGE_SIZE + 1);
  const page = rows.slice(0, SCANS_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ scan, username }) => ({
      ...scan,
      createdAt: scan.createdAt.toISOString(),
      startedAt: scan.startedAt?.toISOString() ?? null,
      finishedAt: scan.finishedAt?.toISOString() ?? null,
      requestedByUsername: username,
    })),
    nextCursor: rows.length > SCANS_PAGE_SIZE && last ? encodeCursor({ at: last.cursorAt, id: last.scan.id }) : null,
  };
}
