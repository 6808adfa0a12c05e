import { asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  totpEnabled: boolean;
  addresses: number;
  unverified: number;
  createdAt: string;
}

/** Users, optionally filtered by a search over username and name, and by role. */
export async function listUsers(
  db: DbOrTx,
  options: { search?: string; role?: Role; limit?: number } = {},
): Promise<UserRow[]> {
  const term = options.search?.trim();
  const conditions = [
    term ? or(ilike(users.username, `%${term}%`), ilike(users.name, `%${term}%`)) : undefined,
    options.role ? eq(users.role, options.role) : undefined,
  ].filter(Boolean);
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      totpEnabled: users.totpEnabled,
      createdAt: users.createdAt,
      addresses: count(emails.id),
      unverified: sql<number>`count(${emails.id}) filter (where not ${emails.verified})`.mapWith(Number),
    })
    .from(users)
    .leftJoin(emails, eq(emails.userId, users.id))
    .where(conditions.length ? sql.join(conditions as ReturnType<typeof eq>[], sql` and `) : undefined)
    .groupBy(users.id)
    .orderBy(asc(users.username))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
