import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { emails, flags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/auth/parse-input';
import { assertMayRelease } from '@/lib/auth/release-rules';
import { type AuditInput, recordAuditMany } from '@/lib/audit/record';
import { AppError } from '@/lib/errors';
import { queueUserNotice } from '@/lib/notify/queue';
import { lockFlags } from './load';
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
export async function reviewFlags(tx: DbOrTx, actor: Actor, raw: ReviewFlagsInput): Promise<ReviewResult> {
  const input = parseInput(reviewFlagsSchema, raw);
  const locked = await lockFlags(tx, input.flagIds);
  const pending = locked.filter((f) => f.state === 'pending_review');
  if (pending.length === 0)
    throw new AppError(
      'conflict',
      'None of the selected flags is waiting for review any more. Reload the list to see their state.',
    );
  if (input.decision === 'reject') assertMayRelease(actor, 'reject', pending, input.reason);
  const now = new Date();
  const ids = pending.map((f) => f.id);
  let notificationsQueued = 0;
  if (input.decision === 'confirm') {
    await tx
      .update(emails)
      .set({ verified: false, unverifyReason: 'domain_lifecycle', unverifiedAt: now })
      .where(
        inArray(
          emails.id,
          pending.filter((f) => f.verified).map((f) => f.emailId),
        ),
      );
    await tx.update(flags).set({ state: 'open' }).where(inArray(flags.id, ids));
    for (const f of pending.filter((p) => p.verified)) {
      notificationsQueued += await queueUserNotice(tx, {
        userId: f.userId,
        emailId: f.emailId,
        kind: 'address_unverified',
        // The scanner's key for this notice: a later scan of the same lapse queues nothing more.
        dedupeKey: `address_unverified:${f.domain}:${f.emailId}:${f.verifiedAt?.toISOString() ?? 'none'}`,
        payload: {
          address: f.address,
          domain: f.domain,
          stage: f.stage,
          expiresAt: f.expiresAt?.toISOString() ?? null,
        },
        mailTo: 'others',
      });
    }
  } else {
    await tx
      .update(flags)
      .set({ state: 'resolved', resolvedAt: now, resolution: 'rejected_by_review' })
      .where(inArray(flags.id, ids));
  }
  const audits: AuditInput[] = pending.flatMap((f) => {
    const details = {
      address: f.address,
      userId: f.userId,
      domain: f.domain,
      stage: f.stage,
      domainStage: f.domainStage,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    const entries: AuditInput[] = [
      {
        action: input.decision === 'confirm' ? 'flag.review_confirm' : 'flag.review_reject',
        targetType: 'flag',
        targetId: f.id,
        details,
      },
    ];
    if (input.decision === 'confirm' && f.verified)
      entries.push({
        action: 'email.unverify',
        targetType: 'email',
        targetId: f.emailId,
        details: { ...details, reason: 'domain_lifecycle', flagId: f.id },
      });
    return entries;
  });
  await recordAuditMany(tx, actor, audits);
  return {
    decision: input.decision,
    reviewed: pending.length,
    skipped: locked.length - pending.length,
    notificationsQueued,
  };
}
