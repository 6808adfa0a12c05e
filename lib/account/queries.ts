import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, flags, notifications, users } from '@/db/schema';

/** Everything the account page shows about the signed-in user's own addresses. */
export async function getAccountOverview(db: DbOrTx, userId: number) {
  const [user] = await db
    .select({ id: users.id, name: users.name, username: users.username, totpEnabled: users.totpEnabled })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const addressRows = await db
    .select({
      id: emails.id,
      address: emails.address,
      domain: emails.domain,
      isPrimary: emails.isPrimary,
      verified: emails.verified,
      verifiedAt: emails.verifiedAt,
      unverifyReason: emails.unverifyReason,
      unverifiedAt: emails.unverifiedAt,
      useForRecovery: emails.useForRecovery,
      stage: domains.stage,
      stageSince: domains.stageSince,
      expiresAt: domains.expiresAt,
    })
    .from(emails)
    .leftJoin(domains, eq(domains.name, emails.domain))
    .where(eq(emails.userId, userId))
    .orderBy(desc(emails.isPrimary), asc(emails.address));
  const ids = addressRows.map((a) => a.id);
  const openFlags = ids.length
    ? await db
        .select({ emailId: flags.emailId, stage: flags.stage, createdAt: flags.createdAt })
        .from(flags)
        .where(and(inArray(flags.emailId, ids), inArray(flags.state, ['open', 'pending_review'])))
    : [];
  const inbox = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.channel, 'in_app')))
    .orderBy(desc(notifications.createdAt))
    .limit(20);
  return { user, addresses: addressRows, openFlags, inbox };
}

export type AccountOverview = NonNullable<Awaited<ReturnType<typeof getAccountOverview>>>;
