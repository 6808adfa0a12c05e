import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { containsPattern, dateRangeSql } from '@/lib/pagination/filters';
import { cursorText, type KeysetPage, keysetOf, toKeysetPage } from '@/lib/pagination/keyset';
import { USERS_PAGE_SIZE, type UsersSearch } from './search';

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  totpEnabled: boolean;
  passkeys: number;
  addresses: number;
  unverified: number;
  createdAt: string;
}

export type UserPage = KeysetPage<UserRow>;

/** Every user with the given role (or all), by username: the operator CLI's `gk user list`. */
export async function listUsers(db: DbOrTx, options: { role?: Role; limit?: number } = {}): Promise<UserRow[]> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      totpEnabled: users.totpEnabled,
      passkeys: users.passkeyCount,
      createdAt: users.createdAt,
      addresses: count(emails.id),
      unverified: sql<number>`count(${emails.id}) filter (where not ${emails.verified})`.mapWith(Number),
    })
    .from(users)
    .leftJoin(emails, eq(emails.userId, users.id))
    .where(options.role ? eq(users.role, options.role) : undefined)
    .groupBy(users.id)
    .orderBy(asc(users.username))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

function filters(search: UsersSearch): SQL[] {
  const where = dateRangeSql(users.createdAt, search);
  if (search.q) {
    // Username, name or any of the user's addresses, each answered by its trigram index; the few
    // matching ids are gathered first, then the page is read in keyset order among them.
    const pattern = containsPattern(search.q);
    where.push(sql`${users.id} in (
      select u.id from ${users} u where u.username ilike ${pattern} or u.name ilike ${pattern}
      union
      select e.user_id from ${emails} e where e.address ilike ${pattern})`);
  }
  if (search.role) where.push(eq(users.role, search.role));
  if (search.twofa === 'on') where.push(sql`(${users.totpEnabled} or ${users.passkeyCount} > 0)`);
  if (search.twofa === 'passkey') where.push(sql`${users.passkeyCount} > 0`);
  if (search.twofa === 'off') where.push(and(eq(users.totpEnabled, false), eq(users.passkeyCount, 0)) as SQL);
  return where;
}

/** The page query (not yet run): listUsersPage runs it, the plan test reads its EXPLAIN. */
export function usersPageQuery(db: DbOrTx, search: UsersSearch, pageSize = USERS_PAGE_SIZE) {
  const keyset = keysetOf({ at: users.createdAt, id: users.id }, search);
  const where = filters(search);
  if (keyset.after) where.push(keyset.after);
  const query = db
    .select({
      id: users.id,
      cursorAt: cursorText(users.createdAt),
      username: users.username,
      name: users.name,
      role: users.role,
      totpEnabled: users.totpEnabled,
      passkeys: users.passkeyCount,
      createdAt: users.createdAt,
      // Counted per row of the page (the emails_user_idx probe), not by grouping every user's addresses.
      // `users.id` spelled out: drizzle leaves the columns of a one-table select unqualified, and a bare
      // "id" inside the subquery would be the address's own.
      addresses: sql<number>`(select count(*) from ${emails} e where e.user_id = ${users}.id)`.mapWith(Number),
      unverified:
        sql<number>`(select count(*) from ${emails} e where e.user_id = ${users}.id and not e.verified)`.mapWith(
          Number,
        ),
    })
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...keyset.orderBy)
    .limit(pageSize + 1);
  return { keyset, query };
}

/** Users, one keyset page, newest (or oldest) account first, with how many addresses each has. */
export async function listUsersPage(db: DbOrTx, search: UsersSearch, pageSize = USERS_PAGE_SIZE): Promise<UserPage> {
  const { keyset, query } = usersPageQuery(db, search, pageSize);
  return toKeysetPage(await query, keyset, pageSize, ({ cursorAt: _c, ...r }) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
  }));
}
