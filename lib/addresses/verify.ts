import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { consumeToken, peekToken } from '@/lib/tokens/consume';
import { revokeTokens } from '@/lib/tokens/issue';
import { assertSafeToVerify, type CheckDomainNow, checkBeforeVerify, type FreshCheck } from './domain-gate';
import { ownedAddress } from './owned';
import type { verifyTokenSchema } from './schemas';

type Input = z.output<typeof verifyTokenSchema>;

const STALE =
  'This link no longer works: it was used, it expired, or a newer link replaced it. Send a new one from your account page.';

/**
 * The action's `prepare` step, before the transaction: if the link is live, the caller's own and its
 * address was flagged before, the domain is checked against the live sources now (network work).
 * Anything else is left to the verb to refuse; no other user's domain is ever checked from here.
 */
export async function prepareConfirmVerification({
  ctx,
  input,
}: {
  ctx: { db: DbOrTx; actor: UserActor; now: Date; checkDomain: CheckDomainNow };
  input: Input;
}): Promise<FreshCheck | null> {
  const token = await peekToken(ctx.db, 'verify_email', input.token, ctx.now);
  if (!token?.emailId || token.userId !== ctx.actor.id) return null;
  const email = await ownedAddress(ctx.db, ctx.actor.id, token.emailId, false);
  if (email.verified) return null;
  return checkBeforeVerify({ ctx, input: { email } });
}

/**
 * Confirms an address from its link. The signed-in user must own it: the link proves the mailbox, the
 * session proves the account. A previously flagged address was checked against the live sources
 * just before (`prepareConfirmVerification`).
 */
export async function confirmVerification({
  ctx,
  input,
}: {
  ctx: VerbContext & { freshCheck: FreshCheck | null };
  input: Input;
}) {
  const { tx, actor, now } = ctx;
  const token = await peekToken(tx, 'verify_email', input.token, now);
  if (!token?.emailId) throw new AppError('not_found', STALE);
  if (token.userId !== actor.id)
    throw new AppError(
      'forbidden',
      'This link belongs to another account. Sign out, then sign in as the account that added the address.',
    );
  const before = await ownedAddress(tx, actor.id, token.emailId);
  if (before.verified) return { address: before.address, alreadyVerified: true };
  const freshStage = await assertSafeToVerify({ ctx, input: { email: before, freshCheck: ctx.freshCheck } });

  // Only now is the token spent: a refusal above leaves it usable once the domain is renewed.
  const used = await consumeToken(tx, 'verify_email', input.token, now);
  if (!used) throw new AppError('not_found', STALE);
  await tx
    .update(emails)
    .set({ verified: true, verifiedAt: now, unverifyReason: null, unverifiedAt: null })
    .where(and(eq(emails.id, before.id), eq(emails.verified, false)));
  await revokeTokens(tx, { purpose: 'verify_email', userId: actor.id, emailId: before.id }, now);
  await recordAudit(tx, actor, {
    action: 'email.verify',
    targetType: 'email',
    targetId: before.id,
    details: { address: before.address, previously: before.unverifyReason, freshCheck: freshStage },
  });
  await queueAccountChangeNotice({
    ctx,
    input: { userId: actor.id, event: 'address_verified', emailId: before.id, address: before.address },
  });
  return { address: before.address, alreadyVerified: false };
}
