import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import type { Stage } from '@/core/domains';
import { cursorText, type KeysetPage, keysetOf, toKeysetPage } from '@/lib/pagination/keyset';
import { LOOKALIKES_PAGE_SIZE, type LookalikeSearch, type LookalikeState } from './search';

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

const STATE_FILTERS: Record<LookalikeState, SQL> = {
  registered: sql`c.registered`,
  unregistered: sql`not c.registered`,
  mail: sql`c.has_mx`,
  malicious: sql`c.mark = 'malicious'`,
  benign: sql`c.mark = 'benign'`,
  all: sql`true`,
};

const CANDIDATE_SELECT = sql`
  select d.name as domain, c.unicode, d.stage, c.registered, d.registered_at, d.registrar,
    c.nameservers, c.mx, c.addresses, c.has_mx, c.has_a, c.first_seen_at, c.registered_seen_at, d.last_checked_at, d.next_check_at,
    c.mark, c.mark_reason, c.marked_at, u.username as marked_by,
    array(select distinct n.name from lookalike_sources s join lookalike_names n on n.id = s.name_id
      where s.domain_id = c.domain_id order by 1) as names,
    array(select distinct f from lookalike_sources s, unnest(s.families) f where s.domain_id = c.domain_id order by 1) as families`;
const CANDIDATE_FROM = sql`from lookalike_candidates c join domains d on d.id = c.domain_id left join users u on u.id = c.marked_by`;

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

/** A row of the candidates list: the candidate and its domain's id, which breaks ties in the keyset. */
export type CandidateListRow = CandidateRow & { id: number };
export type CandidatePage = KeysetPage<CandidateListRow>;

/**
 * The list's order: when we saw the current registration, or (never registered, or no longer) when the
 * candidate was first seen; never null, since first_seen_at is not. It is the list's "First seen" column,
 * and lookalike_candidates_listed_idx (all candidates) and lookalike_candidates_registered_listed_idx (the
 * registered ones, the default view) are built on exactly this expression: spelled any other way, the
 * planner would not match them and would sort every candidate. The registry's own date
 * (domains.registered_at) cannot lead the order: it lives on another table, where no index can reach
 * the candidates' filters, and it is often unknown.
 */
const LISTED_AT = sql`coalesce(c.registered_seen_at, c.first_seen_at)`;

function filters(search: LookalikeSearch): SQL[] {
  const where = [STATE_FILTERS[search.state ?? 'registered']];
  if (search.family)
    where.push(
      sql`exists (select 1 from lookalike_sources s where s.domain_id = c.domain_id and ${search.family} = any(s.families))`,
    );
  if (search.name)
    where.push(
      sql`exists (select 1 from lookalike_sources s join lookalike_names n on n.id = s.name_id where s.domain_id = c.domain_id and n.name = ${search.name})`,
    );
  return where;
}

/** The page query (not yet run): listCandidatesPage runs it, the plan test reads its EXPLAIN. */
export function candidatesPageQuery(search: LookalikeSearch, pageSize = LOOKALIKES_PAGE_SIZE) {
  const keyset = keysetOf({ at: LISTED_AT, id: sql`c.domain_id` }, search);
  const where = filters(search);
  if (keyset.after) where.push(keyset.after);
  const query = sql`
    ${CANDIDATE_SELECT}, c.domain_id as id, ${cursorText(LISTED_AT)} as cursor_at
    ${CANDIDATE_FROM} where ${sql.join(where, sql` and `)}
    order by ${sql.join(keyset.orderBy, sql`, `)}
    limit ${pageSize + 1}`;
  return { keyset, query };
}

/**
 * Candidates, one keyset page, filtered by state (registered by default), family and watched name:
 * the latest registration we saw first, then the candidates first seen latest (or the opposite).
 */
export async function listCandidatesPage(
  db: DbOrTx,
  search: LookalikeSearch,
  pageSize = LOOKALIKES_PAGE_SIZE,
): Promise<CandidatePage> {
  const { keyset, query } = candidatesPageQuery(search, pageSize);
  const rows = (await db.execute<Record<string, unknown>>(query)).map((r) => ({
    ...r,
    id: Number(r.id),
    cursorAt: String(r.cursor_at),
  }));
  return toKeysetPage(rows, keyset, pageSize, (r) => ({ ...toRow(r), id: r.id }));
}

export async function getCandidate(db: DbOrTx, domain: string): Promise<CandidateRow | null> {
  const [row] = await db.execute<Record<string, unknown>>(
    sql`${CANDIDATE_SELECT} ${CANDIDATE_FROM} where d.name = ${domain}`,
  );
  return row ? toRow(row) : null;
}

/** Every candidate marked malicious, for takedown requests and mail filters. */
export async function listMalicious(db: DbOrTx): Promise<CandidateRow[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`${CANDIDATE_SELECT} ${CANDIDATE_FROM} where c.mark = 'malicious' order by c.marked_at desc, d.name`,
  );
  return rows.map(toRow);
}
