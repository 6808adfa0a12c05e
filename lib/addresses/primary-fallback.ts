import { inArray } from 'drizzle-orm';
import { emails } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { DbOrTx } from '@/db/connect';
import type { GoodAddress } from './good-addresses';
import type { UnverifyTarget } from './unverify';

// The primary address is the one the registry shows and writes to first. Once its domain lapsed (or
// staff unverified it), keeping it primary points everyone at a mailbox a stranger may read. So when
// the account has a good address (verified, no live flag), the longest-proved one takes over. With
// none, the old one stays primary: an account always has a primary, and the page says why it is
// unverified.

/** Audit detail that marks a primary change made by the product, not by the owner. */
export const PRIMARY_FALLBACK = 'previous_unverified';

export interface PrimarySwitch {
  userId: number;
  from: { id: number; address: string };
  to: { id: number; address: string };
}

/**
 * Moves the primary off each of `lost` (addresses this transaction just unverified that were primary)
 * to the first of the user's `good` addresses. Two statements for the batch (demote, then promote: the
 * one-primary-per-user index would refuse the other order), and one `email.set_primary` audit row per
 * switch, naming the address that lost it and why.
 */
export async function movePrimaryOff({
  tx,
  actor,
  reason,
  lost,
  good,
}: {
  tx: DbOrTx;
  actor: Actor;
  reason: 'domain_lifecycle' | 'staff';
  lost: readonly UnverifyTarget[];
  good: ReadonlyMap<number, readonly GoodAddress[]>;
}): Promise<PrimarySwitch[]> {
  const switches: (PrimarySwitch & { target: UnverifyTarget })[] = [];
  for (const target of lost) {
    const next = good.get(target.userId)?.find((g) => g.id !== target.emailId);
    // One switch per user, even if a batch unverified two addresses of one account.
    if (!next || switches.some((s) => s.userId === target.userId)) continue;
    switches.push({
      userId: target.userId,
      from: { id: target.emailId, address: target.address },
      to: { id: next.id, address: next.address },
      target,
    });
  }
  if (switches.length === 0) return [];
  await tx
    .update(emails)
    .set({ isPrimary: false })
    .where(
      inArray(
        emails.id,
        switches.map((s) => s.from.id),
      ),
    );
  await tx
    .update(emails)
    .set({ isPrimary: true })
    .where(
      inArray(
        emails.id,
        switches.map((s) => s.to.id),
      ),
    );
  const audits: AuditInput[] = switches.map((s) => ({
    action: 'email.set_primary',
    targetType: 'email',
    targetId: s.to.id,
    details: {
      address: s.to.address,
      previous: s.from.address,
      userId: s.userId,
      because: PRIMARY_FALLBACK,
      unverifyReason: reason,
      domain: s.target.domain,
      stage: s.target.stage,
    },
  }));
  await recordAudit(tx, actor, audits);
  return switches.map(({ target: _target, ...s }) => s);
}
