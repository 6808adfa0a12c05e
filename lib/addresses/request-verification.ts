import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { assertSafeToVerify, type CheckDomainNow, checkBeforeVerify, type FreshCheck } from './domain-gate';
import { ownedAddress } from './owned';
import type { emailIdSchema } from './schemas';
import { queueVerificationLink } from './send-verification';

type Input = z.output<typeof emailIdSchema>;

/**
 * The action's `prepare` step, before the transaction: a previously flagged address's domain is
 * checked against the live sources now (network work). Another user's address answers not_found.
 */
export async function prepareRequestVerification({
  ctx,
  input,
}: {
  ctx: { db: DbOrTx; actor: UserActor; checkDomain: CheckDomainNow };
  input: Input;
}): Promise<FreshCheck | null> {
  const email = await ownedAddress(ctx.db, ctx.actor.id, input.emailId, false);
  if (email.verified) return null;
  return checkBeforeVerify({ ctx, input: { email } });
}

/**
 * Sends a new verification link to one of the caller's unverified addresses. A previously flagged
 * address was checked just before (`prepareRequestVerification`): if its domain is still lapsing or
 * in someone else's hands, no link is sent (it would go to whoever holds the domain).
 */
export async function requestVerification({
  ctx,
  input,
}: {
  ctx: VerbContext & { appUrl: string; freshCheck: FreshCheck | null };
  input: Input;
}) {
  const { tx, actor } = ctx;
  const email = await ownedAddress(tx, actor.id, input.emailId);
  if (email.verified) throw new AppError('conflict', `${email.address} is already verified.`);
  const freshStage = await assertSafeToVerify({ ctx, input: { email, freshCheck: ctx.freshCheck } });
  const issued = await queueVerificationLink({ ctx, input: { email } });
  await recordAudit(tx, actor, {
    action: 'email.verification_sent',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, freshCheck: freshStage },
  });
  return { address: email.address, expiresAt: issued.expiresAt.toISOString() };
}
