import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domainLists, flags, notifications, users } from '@/db/schema';
import { listAddressesWithDomain } from '@/lib/addresses/queries';
import { listResetAttempts } from '@/lib/reset/queries';
import { recoveryCandidates, resetBlock, resetRecipients } from '@/lib/reset/recovery-addresses';

/** Everything the account page shows about the signed-in user's own account. */
export async function getAccountOverview(db: DbOrTx, userId: number, now: Date = new Date()) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      username: users.username,
      totpEnabled: users.totpEnabled,
      passkeyCount: users.passkeyCount,
      recoveryCodeHashes: users.recoveryCodeHashes,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const addressRows = await listAddressesWithDomain(db, userId);
  const ids = addressRows.map((a) => a.id);
  const openFlags = ids.length
    ? await db
        .select({ emailId: flags.emailId, stage: flags.stage, state: flags.state, createdAt: flags.createdAt })
        .from(flags)
        .where(and(inArray(flags.emailId, ids), inArray(flags.state, ['open', 'pending_review'])))
    : [];
  // The reset gate itself decides what the page says: the same rules, the same cool-down.
  const candidates = await recoveryCandidates(db, userId);
  const { recipients, held } = resetRecipients(candidates, now);
  const addresses = addressRows.map(({ trusted, ...a }) => {
    const flag = openFlags.find((f) => f.emailId === a.id) ?? null;
    const candidate = candidates.find((c) => c.id === a.id);
    const heldUntil = held.find((c) => c.id === a.id)?.recoveryHoldUntil ?? null;
    return {
      ...a,
      trustedProvider: trusted,
      flag,
      canReceiveReset: recipients.some((c) => c.id === a.id),
      /** Until when a new recovery address waits (while another one can receive the link). */
      resetHoldUntil: heldUntil,
      resetBlock: candidate ? resetBlock(candidate) : null,
    };
  });
  const inbox = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.channel, 'in_app')))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(20);
  const resets = await listResetAttempts(db, { userId, limit: 10 });
  const { recoveryCodeHashes, ...account } = user;
  return { user: { ...account, recoveryCodesLeft: recoveryCodeHashes.length }, addresses, openFlags, inbox, resets };
}

export type AccountOverview = NonNullable<Awaited<ReturnType<typeof getAccountOverview>>>;
export type AccountAddress = AccountOverview['addresses'][number];

/** The trusted big providers, as examples for "add a backup address". */
export async function listProviderExamples(db: DbOrTx, limit = 6): Promise<string[]> {
  const rows = await db
    .select({ domain: domainLists.domain })
    .from(domainLists)
    .where(eq(domainLists.list, 'trusted'))
    .orderBy(asc(domainLists.domain))
    .limit(limit);
  return rows.map((r) => r.domain);
}
