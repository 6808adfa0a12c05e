import { inArray } from 'drizzle-orm';
import { flags } from '@/db/schema';
import { unverifyAddresses } from '@/lib/addresses/unverify';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/auth/parse-input';
import { assertMayRelease } from '@/lib/auth/release-rules';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { flagAuditBase, type LockedFlag, lockFlags, unverifyTargets } from './load';
import { type ReviewFlagsInput, reviewFlagsSchema } from './schemas';

export interface ReviewResult {
  decision: 'confirm' | 'reject';
  reviewed: number;
  /** Selected flags that were no longer waiting for review (someone else decided first); left alone. */
  skipped: number;
  notificationsQueued: number;
}

/**
 * A reviewer's answer to flags the blast-radius guard held back. Those addresses are still verified.
 * confirm: the scan was right — unverify the address, the flag opens, the user is told (as the scan
 * would have told them). reject: the scan was wrong — the flag is resolved, the address stays verified.
 */
export async function reviewFlags({
  ctx,
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: ReviewFlagsInput;
}): Promise<ReviewResult> {
  const { tx, actor, now } = ctx;
  const input = parseInput(reviewFlagsSchema, raw);
  const locked = await lockFlags(tx, input.flagIds);
  const pending = locked.filter((f) => f.state === 'pending_review');
  if (pending.length === 0)
    throw new AppError(
      'conflict',
      'None of the selected flags is waiting for review any more. Reload the list to see their state.',
    );
  if (input.decision === 'reject') assertMayRelease(actor, 'reject', pending, input.reason);
  const ids = pending.map((f) => f.id);
  const details = (f: LockedFlag) => ({
    ...flagAuditBase(f),
    domainStage: f.domainStage,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  let notificationsQueued = 0;
  if (input.decision === 'confirm') {
    await tx.update(flags).set({ state: 'open' }).where(inArray(flags.id, ids));
    // As the scan would have done without the guard: the same unverify, audit row and notice (its key
    // is the scanner's, so a later scan of the same lapse queues nothing more).
    const done = await unverifyAddresses({
      ctx,
      input: {
        reason: 'domain_lifecycle',
        addresses: unverifyTargets(pending, (f) => ({ ...details(f), flagId: f.id })),
      },
    });
    notificationsQueued = done.notificationsQueued;
  } else {
    await tx
      .update(flags)
      .set({ state: 'resolved', resolvedAt: now, resolution: 'rejected_by_review' })
      .where(inArray(flags.id, ids));
  }
  const audits: AuditInput[] = pending.map((f) => ({
    action: input.decision === 'confirm' ? 'flag.review_confirm' : 'flag.review_reject',
    targetType: 'flag',
    targetId: f.id,
    details: details(f),
  }));
  await recordAudit(tx, actor, audits);
  return {
    decision: input.decision,
    reviewed: pending.length,
    skipped: locked.length - pending.length,
    notificationsQueued,
  };
}
