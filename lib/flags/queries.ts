import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags, users } from '@/db/schema';
import type { FlagState } from '@/db/schema/enums';

export interface FlagRow {
  id: number;
  state: FlagState;
  stage: (typeof flags.$inferSelect)['stage'];
  createdAt: string;
  address: string;
  emailId: number;
  domain: string;
  userId: number;
  username: string;
}

/** Newest flags first, optionally in one state. */
export async function listFlags(db: DbOrTx, options: { state?: FlagState; limit?: number } = {}): Promise<FlagRow[]> {
  const where: SQL[] = [];
  if (options.state) where.push(eq(flags.state, options.state));
  const rows = await db
    .select({
      id: flags.id,
      state: flags.state,
      stage: flags.stage,
      createdAt: flags.createdAt,
      address: emails.address,
      emailId: emails.id,
      domain: domains.name,
      userId: users.id,
      username: users.username,
    })
    .from(flags)
    .innerJoin(emails, eq(emails.id, flags.emailId))
    .innerJoin(users, eq(users.id, emails.userId))
    .innerJoin(domains, eq(domains.id, flags.domainId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(flags.createdAt), desc(flags.id))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
