import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domains, emails, flags, users } from '@/db/schema';
import type { FlagState, Role } from '@/db/schema/enums';
import { hashPassword } from '@/lib/auth/password';
import type { UserActor } from '@/lib/auth/session';
import { recordSignInProof } from '@/lib/auth/step-up';
import type { Stage } from '@/core/domains';

// Builders for the account tests: users with addresses in every state, flags, domains.

// Secrets sealed in mail payloads and TOTP seeds need a key; tests bring their own.
process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';

export const PASSWORD = 'the right password';
let counter = 0;
export const unique = (prefix: string) => {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
};

let passwordHash: string | undefined;
export async function makeUser(db: Db, role: Role = 'user', username = unique('u')): Promise<UserActor> {
  passwordHash ??= await hashPassword(PASSWORD);
  const [row] = await db
    .insert(users)
    .values({ username, name: `Name of ${username}`, role, passwordHash })
    .returning();
  return { type: 'user', id: row!.id, role: row!.role, username: row!.username };
}

/** The actor of a session signed in `msAgo` (the sign-in is recorded as its first proof, as at login). */
export async function signedIn(db: Db, actor: UserActor, msAgo = 0): Promise<UserActor> {
  const sessionId = crypto.randomUUID();
  await recordSignInProof(db, { sessionId, userId: actor.id, now: new Date(Date.now() - msAgo) });
  return { ...actor, session: { id: sessionId } };
}

export interface AddressOptions {
  verified?: boolean;
  primary?: boolean;
  useForRecovery?: boolean;
  unverifyReason?: 'domain_lifecycle' | 'user' | 'staff' | 'bounce' | null;
  flag?: { state: FlagState; stage: Stage } | null;
  /**
   * The stage a custom domain is watched at (checked just now) when no flag sets it; null leaves it
   * unwatched. Big providers' domains (the trusted list) are never watched.
   */
  domainStage?: Stage | null;
}

export async function makeDomain(db: Db, name: string, stage: Stage) {
  const [row] = await db
    .insert(domains)
    .values({ name, stage, stageSince: new Date('2026-11-03T00:00:00Z'), lastCheckedAt: new Date() })
    .onConflictDoUpdate({ target: domains.name, set: { stage } })
    .returning();
  return row!;
}

export async function makeAddress(db: Db, userId: number, address: string, o: AddressOptions = {}) {
  const verified = o.verified ?? true;
  const domain = address.split('@')[1]!;
  const [row] = await db
    .insert(emails)
    .values({
      userId,
      address,
      domain,
      isPrimary: o.primary ?? false,
      verified,
      verifiedAt: verified || o.unverifyReason ? new Date('2024-01-01T00:00:00Z') : null,
      unverifyReason: o.unverifyReason ?? null,
      unverifiedAt: o.unverifyReason ? new Date('2026-11-03T00:00:00Z') : null,
      useForRecovery: o.useForRecovery ?? true,
    })
    .returning();
  if (o.flag) {
    const d = await makeDomain(db, domain, o.flag.stage);
    await db.insert(flags).values({ emailId: row!.id, domainId: d.id, stage: o.flag.stage, state: o.flag.state });
  } else if (o.domainStage !== null) {
    await db.execute(sql`
      insert into domains (name, stage, stage_since, last_checked_at)
      select ${domain}, ${o.domainStage ?? 'active'}, now(), now()
      where not exists (select 1 from domain_lists where domain = ${domain} and list = 'trusted')
      on conflict (name) do nothing`);
  }
  return row!;
}

export async function emailRow(db: Db, id: number) {
  const [row] = await db.select().from(emails).where(eq(emails.id, id));
  return row;
}

/** Everything a refused call must leave as it was. */
export async function snapshot(db: Db) {
  const out: Record<string, unknown> = {};
  for (const t of ['users', 'emails', 'tokens', 'notifications', 'flags', 'audit_log', 'reset_attempts']) {
    out[t] = await db.execute(sql.raw(`select * from ${t} order by 1`));
  }
  return JSON.stringify(out);
}
