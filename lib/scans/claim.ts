import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import type { Domain, Scan } from '@/db/schema';
import { scanScope } from './scope';

// A domain is done for a scan once it has an observation with the scan's id: that row commits in
// the same transaction as the result, so "done" survives any crash and is never counted twice.
const notDone = (scanId: number) =>
  sql`not exists (select 1 from domain_observations o where o.scan_id = ${scanId} and o.domain_id = d.id)`;

export async function countInScope(db: Db, scan: Scan): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from domains d where ${scanScope(scan)}`);
  return Number(row?.n ?? 0);
}

export async function remainingInScope(db: Db, scan: Scan): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from domains d where ${scanScope(scan)} and ${notDone(scan.id)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Leases the next domains of the scan that nobody else is checking right now, after `afterId`:
 * a worker walks the domains in id order instead of re-reading the done ones for every batch.
 */
export async function claimBatch(
  db: Db,
  scan: Scan,
  size: number,
  leaseSeconds: number,
  afterId = 0,
): Promise<Domain[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    update domains set checking_until = now() + make_interval(secs => ${leaseSeconds})
    where id in (
      select d.id from domains d
      where d.id > ${afterId} and ${scanScope(scan)} and ${notDone(scan.id)} and (d.checking_until is null or d.checking_until < now())
      order by d.id
      limit ${size}
      for update skip locked)
    returning *`);
  return rows.map(toDomain);
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toDomain(r: Record<string, unknown>): Domain {
  return {
    id: Number(r.id),
    name: String(r.name),
    stage: r.stage as Domain['stage'],
    stageSince: date(r.stage_since),
    registeredAt: date(r.registered_at),
    handle: (r.handle as string | null) ?? null,
    expiresAt: date(r.expires_at),
    registrar: (r.registrar as string | null) ?? null,
    timeline: (r.timeline as Domain['timeline']) ?? null,
    evidence: (r.evidence as Domain['evidence']) ?? null,
    lastCheckedAt: date(r.last_checked_at),
    nextCheckAt: date(r.next_check_at),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
    checkingUntil: date(r.checking_until),
    createdAt: date(r.created_at) ?? new Date(0),
  };
}
