import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import type { Stage } from '@/core/domains';
import type { LookalikeSearch } from './schemas';

// Reads of the look-alike watch, named for what they answer. Dates leave as ISO strings, so the
// server's prefetch and a client refetch agree (house style 5.1).

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** Which of these domains are look-alike candidates (the scan asks them for A/AAAA too). */
export async function lookalikeDomainIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.execute<{ id: number }>(
    sql`select domain_id as id from lookalike_candidates where domain_id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

export interface WatchedNameRow {
  id: number;
  name: string;
  kind: string;
  addedAt: string;
  removedAt: string | null;
  candidates: number;
  registered: number;
  withMx: number;
  malicious: number;
  scan: { id: number; state: string; checked: number; total: number | null } | null;
}

export async function listWatchedNames(db: DbOrTx): Promise<WatchedNameRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select n.id, n.name, n.kind, n.added_at, n.removed_at,
      count(c.domain_id)::int as candidates,
      count(c.domain_id) filter (where c.registered)::int as registered,
      count(c.domain_id) filter (where c.has_mx)::int as with_mx,
      count(c.domain_id) filter (where c.mark = 'malicious')::int as malicious,
      (select row_to_json(s) from (select id, state, checked, total from scans
        where kind = 'lookalikes' and target = n.name order by id desc limit 1) s) as scan
    from lookalike_names n
    left join lookalike_sources src on src.name_id = n.id
    left join lookalike_candidates c on c.domain_id = src.domain_id
    group by n.id order by n.removed_at nulls first, n.name`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    kind: String(r.kind),
    addedAt: iso(r.added_at)!,
    removedAt: iso(r.removed_at),
    candidates: Number(r.candidates),
    registered: Number(r.registered),
    withMx: Number(r.with_mx),
    malicious: Number(r.malicious),
    scan: (r.scan as WatchedNameRow['scan']) ?? null,
  }));
}

export interface CandidateRow {
  domain: string;
  unicode: string;
  stage: Stage;
  registered: boolean;
  registeredAt: string | null;
  registrar: string | null;
  nameservers: string[];
  mx: string[];
  addresses: string[];
  hasMx: boolean;
  hasA: boolean;
  firstSeenAt: string;
  registeredSeenAt: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  mark: 'benign' | 'malicious' | null;
  markReason: string | null;
  markedAt: string | null;
  markedBy: string | null;
  names: string[];
  families: string[];
}

const STATE_FILTERS: Record<NonNullable<LookalikeSearch['state']>, SQL> = {
  registered: sql`c.registered`,
  unregistered: sql`not c.registered`,
  mail: sql`c.has_mx`,
  malicious: sql`c.mark = 'malicious'`,
  benign: sql`c.mark = 'benign'`,
  all: sql`true`,
};

export const PAGE_SIZE = 50;

const CANDIDATE_SELECT = sql`
  select d.name as domain, c.unicode, d.stage, c.registered, d.registered_at, d.registrar,
    c.nameservers, c.mx, c.addresses, c.has_mx, c.has_a, c.first_seen_at, c.registered_seen_at, d.last_checked_at, d.next_check_at,
    c.mark, c.mark_reason, c.marked_at, u.username as marked_by,
    array(select distinct n.name from lookalike_sources s join lookalike_names n on n.id = s.name_id
      where s.domain_id = c.domain_id order by 1) as names,
    array(select distinct f from lookalike_sources s, unnest(s.families) f where s.domain_id = c.domain_id order by 1) as families
  from lookalike_candidates c join domains d on d.id = c.domain_id left join users u on u.id = c.marked_by`;

const toRow = (r: Record<string, unknown>): CandidateRow => ({
  domain: String(r.domain),
  unicode: String(r.unicode),
  stage: r.stage as Stage,
  registered: Boolean(r.registered),
  registeredAt: iso(r.registered_at),
  registrar: (r.registrar as string | null) ?? null,
  nameservers: (r.nameservers as string[]) ?? [],
  mx: (r.mx as string[]) ?? [],
  addresses: (r.addresses as string[]) ?? [],
  hasMx: Boolean(r.has_mx),
  hasA: Boolean(r.has_a),
  firstSeenAt: iso(r.first_seen_at)!,
  registeredSeenAt: iso(r.registered_seen_at),
  lastCheckedAt: iso(r.last_checked_at),
  nextCheckAt: iso(r.next_check_at),
  mark: (r.mark as CandidateRow['mark']) ?? null,
  markReason: (r.mark_reason as string | null) ?? null,
  markedAt: iso(r.marked_at),
  markedBy: (r.marked_by as string | null) ?? null,
  names: (r.names as string[]) ?? [],
  families: (r.families as string[]) ?? [],
});

/** Candidates, newest registration first (then newest seen), filtered by state, family and watched name. */
export async function listCandidates(
  db: DbOrTx,
  search: LookalikeSearch,
): Promise<{ rows: CandidateRow[]; hasMore: boolean; page: number }> {
  const page = search.page ?? 1;
  const where = [STATE_FILTERS[search.state ?? 'registered']];
  if (search.family)
    where.push(
      sql`exists (select 1 from lookalike_sources s where s.domain_id = c.domain_id and ${search.family} = any(s.families))`,
    );
  if (search.name)
    where.push(
      sql`exists (select 1 from lookalike_sources s join lookalike_names n on n.id = s.name_id where s.domain_id = c.domain_id and n.name = ${search.name})`,
    );
  const rows = await db.execute<Record<string, unknown>>(sql`
    ${CANDIDATE_SELECT} where ${sql.join(where, sql` and `)}
    order by coalesce(d.registered_at, c.registered_seen_at) desc nulls last, c.first_seen_at desc, d.name
    limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`);
  return { rows: rows.slice(0, PAGE_SIZE).map(toRow), hasMore: rows.length > PAGE_SIZE, page };
}

export async function getCandidate(db: DbOrTx, domain: string): Promise<CandidateRow | null> {
  const [row] = await db.execute<Record<string, unknown>>(sql`${CANDIDATE_SELECT} where d.name = ${domain}`);
  return row ? toRow(row) : null;
}

/** Every candidate marked malicious, for takedown requests and mail filters. */
export async function listMalicious(db: DbOrTx): Promise<CandidateRow[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`${CANDIDATE_SELECT} where c.mark = 'malicious' order by c.marked_at desc, d.name`,
  );
  return rows.map(toRow);
}
