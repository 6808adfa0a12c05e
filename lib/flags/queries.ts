import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags, users } from '@/db/schema';
import { registrableDomainOf } from '@/lib/domains/normalize';
import type { Stage } from '@/core/domains';
import { type Cursor, decodeCursor, encodeCursor } from './cursor';
import { FLAGS_PAGE_SIZE, type FlagsSearch } from './search';
import { type FlagSummary, flagSummaryColumns, newestFlagsFirst } from './summary';

export interface FlagRow extends FlagSummary {
  resolution: string | null;
  emailId: number;
  address: string;
  verified: boolean;
  userId: number;
  username: string;
  totpEnabled: boolean;
  passkeys: number;
  domain: string;
  domainStage: Stage;
  notified: boolean;
  override: { decision: 'keep_unverified' | 'restore_verified'; reason: string; expiresAt: string | null } | null;
}

export interface FlagPage {
  rows: FlagRow[];
  nextCursor: string | null;
  prevCursor: string | null;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filters as SQL on `flags`; each one is answered by an index (see db/schema/flags.ts). */
function filters(search: FlagsSearch): SQL[] {
  const where: SQL[] = [];
  if (search.state) where.push(eq(flags.state, search.state));
  if (search.stage) where.push(eq(flags.stage, search.stage));
  if (search.domain) {
    const normalized = registrableDomainOf(search.domain);
    const name = normalized.ok ? normalized.registrableDomain : search.domain;
    where.push(sql`${flags.domainId} = (select ${domains.id} from ${domains} where ${domains.name} = ${name})`);
  }
  if (search.user)
    where.push(
      sql`${flags.emailId} in (select e.id from ${emails} e join ${users} u on u.id = e.user_id where u.username = ${search.user})`,
    );
  // On the joined account row: the page walks the flags index in order and keeps the matching rows.
  if (search.factor === 'none') where.push(and(eq(users.totpEnabled, false), eq(users.passkeyCount, 0)) as SQL);
  if (search.factor === 'app') where.push(and(eq(users.totpEnabled, true), eq(users.passkeyCount, 0)) as SQL);
  if (search.factor === 'passkey') where.push(sql`${users.passkeyCount} > 0`);
  if (search.from) where.push(sql`${flags.createdAt} >= ${search.from}::date`);
  if (search.to) where.push(sql`${flags.createdAt} < ${search.to}::date + 1`);
  if (search.q) {
    // Materialised so the planner looks the few matching addresses up through the trigram indexes
    // first, then their flags by email id, instead of filtering every flag against the search.
    where.push(sql`${flags.emailId} in (
      select e.id from ${emails} e where e.address ilike ${like(search.q)}
      union
      select e.id from ${emails} e join ${users} u on u.id = e.user_id where u.username ilike ${like(search.q)})`);
  }
  return where;
}

/**
 * The page query itself (drizzle builder, not yet run): listFlaggedEmails runs it, the benchmark
 * prints its EXPLAIN. Reading a previous page walks the index the other way (rows flipped after).
 */
export function flagsPageQuery(db: DbOrTx, search: FlagsSearch, pageSize = FLAGS_PAGE_SIZE) {
  const cursor = decodeCursor(search.cursor);
  const backwards = cursor !== null && search.dir === 'prev';
  const newestFirst = (search.sort ?? 'newest') === 'newest';
  const descending = newestFirst !== backwards;
  const where = filters(search);
  if (cursor) where.push(keyset(cursor, descending));
  const order = descending
    ? newestFlagsFirst
    : [sql`${flags.createdAt} asc nulls first`, sql`${flags.id} asc nulls first`];
  return db
    .select({
      ...flagSummaryColumns,
      cursorAt: sql<string>`${flags.createdAt}::text`,
      resolution: flags.resolution,
      emailId: emails.id,
      address: emails.address,
      verified: emails.verified,
      userId: users.id,
      username: users.username,
      totpEnabled: users.totpEnabled,
      passkeys: users.passkeyCount,
      domain: domains.name,
      domainStage: domains.stage,
      // A scalar subquery with LIMIT stays a per-row probe of the dedupe-key index; a plain EXISTS is
      // turned into a hashed scan of every notification.
      notified: sql<boolean>`coalesce((select true from notifications n where n.dedupe_key = 'staff_notice:flag:' || ${flags.id} || ':in_app' limit 1), false)`,
      override: sql<
        FlagRow['override']
      >`(select json_build_object('decision', o.decision, 'reason', o.reason, 'expiresAt', o.expires_at)
        from overrides o where o.flag_id = ${flags.id} order by o.overridden_at desc, o.id desc limit 1)`,
    })
    .from(flags)
    .innerJoin(emails, eq(emails.id, flags.emailId))
    .innerJoin(users, eq(users.id, emails.userId))
    .innerJoin(domains, eq(domains.id, flags.domainId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(pageSize + 1);
}

/**
 * One page of flagged addresses, newest (or oldest) first, by keyset: (created_at, id) of the last row
 * seen. The ordering matches the flags indexes exactly (desc nulls last), so a deep page costs the same
 * as the first.
 */
export async function listFlaggedEmails(
  db: DbOrTx,
  search: FlagsSearch,
  pageSize = FLAGS_PAGE_SIZE,
): Promise<FlagPage> {
  const cursor = decodeCursor(search.cursor);
  const backwards = cursor !== null && search.dir === 'prev';
  const rows = await flagsPageQuery(db, search, pageSize);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    rows: page.map(({ cursorAt: _c, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      override: r.override
        ? { ...r.override, expiresAt: r.override.expiresAt ? new Date(r.override.expiresAt).toISOString() : null }
        : null,
    })),
    nextCursor: hasNext && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ at: first.cursorAt, id: first.id }) : null,
  };
}

function keyset(cursor: Cursor, descending: boolean): SQL {
  return descending
    ? sql`(${flags.createdAt}, ${flags.id}) < (${cursor.at}::timestamptz, ${cursor.id})`
    : sql`(${flags.createdAt}, ${flags.id}) > (${cursor.at}::timestamptz, ${cursor.id})`;
}
