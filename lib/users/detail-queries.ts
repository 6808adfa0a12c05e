import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags, notifications, resetAttempts, users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { listAddressesWithDomain } from '@/lib/addresses/queries';
import { listPasskeys } from '@/lib/passkeys/queries';
import { type AuditRow, listAuditForTargets } from '@/lib/audit/queries';
import { type FlagSummary, flagSummaryColumns, newestFlagsFirst, withIsoDates } from '@/lib/flags/summary';
import type { Stage } from '@/core/domains';

// A user as trust and safety sees them: every address with its domain's stage, 2FA, flags, what we
// told them, who did what to their account, and who tried to reset its password.

export interface UserDetail {
  id: number;
  username: string;
  name: string;
  role: Role;
  totpEnabled: boolean;
  passkeys: { name: string; createdAt: string; lastUsedAt: string | null; synced: boolean }[];
  recoveryCodes: number;
  createdAt: string;
  addresses: {
    id: number;
    address: string;
    domain: string;
    isPrimary: boolean;
    verified: boolean;
    verifiedAt: string | null;
    unverifyReason: string | null;
    unverifiedAt: string | null;
    useForRecovery: boolean;
    /** null: a domain not watched (a trusted provider, or not checked yet). */
    domainStage: Stage | null;
    trusted: boolean;
  }[];
  flags: (FlagSummary & { resolution: string | null; address: string; domain: string })[];
  notifications: {
    id: number;
    kind: string;
    channel: string;
    address: string | null;
    state: string;
    subject: string | null;
    createdAt: string;
    sentAt: string | null;
  }[];
  audit: AuditRow[];
  resetAttempts: { id: number; input: string; outcome: string; sentTo: string[] | null; at: string }[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getUserDetail(db: DbOrTx, id: number): Promise<UserDetail | null> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) return null;
  const [addressRows, flagRows, noticeRows, resetRows] = await Promise.all([
    listAddressesWithDomain(db, id),
    db
      .select({
        ...flagSummaryColumns,
        resolution: flags.resolution,
        address: emails.address,
        domain: domains.name,
      })
      .from(flags)
      .innerJoin(emails, eq(emails.id, flags.emailId))
      .innerJoin(domains, eq(domains.id, flags.domainId))
      .where(eq(emails.userId, id))
      .orderBy(...newestFlagsFirst)
      .limit(100),
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        channel: notifications.channel,
        address: notifications.address,
        state: notifications.state,
        subject: sql<string | null>`${notifications.payload}->>'subject'`,
        createdAt: notifications.createdAt,
        sentAt: notifications.sentAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, id))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(50),
    db
      .select({
        id: resetAttempts.id,
        input: resetAttempts.input,
        outcome: resetAttempts.outcome,
        sentTo: resetAttempts.sentTo,
        at: resetAttempts.at,
      })
      .from(resetAttempts)
      .where(eq(resetAttempts.userId, id))
      .orderBy(desc(resetAttempts.at))
      .limit(20),
  ]);
  const audit = await listAuditForTargets(db, [
    { type: 'user', ids: [id] },
    { type: 'email', ids: addressRows.map((a) => a.id) },
    { type: 'flag', ids: flagRows.map((f) => f.id) },
  ]);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    totpEnabled: user.totpEnabled,
    passkeys: (await listPasskeys(db, user.id)).map(({ id: _id, ...p }) => p),
    recoveryCodes: user.recoveryCodeHashes.length,
    createdAt: user.createdAt.toISOString(),
    addresses: addressRows.map(({ stage, stageSince: _since, expiresAt: _expires, ...a }) => ({
      ...a,
      domainStage: stage,
      verifiedAt: iso(a.verifiedAt),
      unverifiedAt: iso(a.unverifiedAt),
    })),
    flags: flagRows.map(withIsoDates),
    notifications: noticeRows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), sentAt: iso(n.sentAt) })),
    audit,
    resetAttempts: resetRows.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}
