import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domains, emails, flags, users } from '@/db/schema';
import type { FlagState, Role } from '@/db/schema/enums';
import type { UserActor } from '@/lib/auth/session';
import type { Stage } from '@/core/domains';

// Small builders for dashboard tests: a user with addresses, a domain in a stage, flags on them.

let counter = 0;
const next = () => {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
};

export async function makeUser(db: Db, role: Role = 'user', username = `u${next()}`): Promise<UserActor> {
  const [row] = await db.insert(users).values({ username, name: username, role, passwordHash: 'x' }).returning();
  return { type: 'user', id: row!.id, role: row!.role, username: row!.username };
}

export async function makeDomain(db: Db, stage: Stage, name = `d${next()}.dev`) {
  const [row] = await db.insert(domains).values({ name, stage, stageSince: new Date() }).returning();
  return row!;
}

export async function makeAddress(
  db: Db,
  userId: number,
  domain: string,
  opts: { verified?: boolean; local?: string } = {},
) {
  const verified = opts.verified ?? true;
  const [row] = await db
    .insert(emails)
    .values({
      userId,
      address: `${opts.local ?? `a${next()}`}@${domain}`,
      domain,
      verified,
      verifiedAt: new Date('2024-01-01T00:00:00Z'),
      unverifyReason: verified ? null : 'domain_lifecycle',
      unverifiedAt: verified ? null : new Date(),
    })
    .returning();
  return row!;
}

/** A user with an address on a domain in `stage`, a backup at gmail.com, and a flag in `state`. */
export async function makeFlag(
  db: Db,
  opts: {
    stage?: Stage;
    state?: FlagState;
    domain?: { id: number; name: string };
    createdAt?: Date;
    userId?: number;
  } = {},
) {
  const stage = opts.stage ?? 'redemption';
  const state = opts.state ?? 'open';
  const domain = opts.domain ?? (await makeDomain(db, stage));
  const userId = opts.userId ?? (await makeUser(db)).id;
  // A flag held for review has not unverified its address yet.
  const email = await makeAddress(db, userId, domain.name, { verified: state === 'pending_review' });
  const backup = await makeAddress(db, userId, 'gmail.com');
  const [flag] = await db
    .insert(flags)
    .values({ emailId: email.id, domainId: domain.id, stage, state, createdAt: opts.createdAt ?? new Date() })
    .returning();
  return { flag: flag!, email, backup, domain, userId };
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(row?.n ?? 0);
}

/** Everything a refused call must leave as it was. */
export async function snapshot(db: Db) {
  const tables = ['flags', 'emails', 'overrides', 'notifications', 'audit_log', 'scans', 'settings', 'domain_lists'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db.execute(sql.raw(`select * from ${t} order by 1`));
  return JSON.stringify(out);
}
