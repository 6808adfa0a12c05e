import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { assertSafeToVerify, type CheckDomainNow } from './domain-gate';
import { ownedAddress } from './owned';
import type { emailIdSchema } from './schemas';
import { queueVerificationLink } from './send-verification';

/**
 * Sends a new verification link to one of the caller's unverified addresses. A previously flagged
 * address gets a fresh domain check first: if its domain is still lapsing or in someone else's
 * hands, no link is sent (it would go to whoever holds the domain).
 */
export async function requestVerification(
  tx: DbOrTx,
  actor: UserActor,
  input: z.output<typeof emailIdSchema>,
  ctx: { appUrl: string; checkDomain: CheckDomainNow; now?: Date },
) {
  // Not locked during the check: the check records a scan on its own connection and may touch this row.
  const email = await ownedAddress(tx, actor.id, input.emailId, false);
  if (email.verified) throw new AppError('conflict', `${email.address} is already verified.`);
  const freshStage = await assertSafeToVerify(tx, email, ctx.checkDomain);
  const issued = await queueVerificationLink(tx, email, ctx.appUrl, ctx.now);
  await recordAudit(tx, actor, {
    action: 'email.verification_sent',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, freshCheck: freshStage },
  });
  return { address: email.address, expiresAt: issued.expiresAt.toISOString() };
}
