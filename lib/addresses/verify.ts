import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { consumeToken, peekToken } from '@/lib/tokens/consume';
import { revokeTokens } from '@/lib/tokens/issue';
import { assertSafeToVerify, type CheckDomainNow } from './domain-gate';
import { ownedAddress } from './owned';
import type { verifyTokenSchema } from './schemas';

const STALE =
  'This link no longer works: it was used, it expired, or a newer link replaced it. Send a new one from your account page.';

/**
 * Confirms an address from its link. The signed-in user must own it: the link proves the mailbox, the
 * session proves the account. A previously flagged address is checked against the live sources first.
 */
export async function confirmVerification(
  tx: DbOrTx,
  actor: UserActor,
  input: z.output<typeof verifyTokenSchema>,
  ctx: { checkDomain: CheckDomainNow; now?: Date },
) {
  const now = ctx.now ?? new Date();
  const token = await peekToken(tx, 'verify_email', input.token, now);
  if (!token?.emailId) throw new AppError('not_found', STALE);
  if (token.userId !== actor.id)
    throw new AppError(
      'forbidden',
      'This link belongs to another account. Sign out, then sign in as the account that added the address.',
    );
  const before = await ownedAddress(tx, actor.id, token.emailId, false);
  if (before.verified) return { address: before.address, alreadyVerified: true };
  const freshStage = await assertSafeToVerify(tx, before, ctx.checkDomain);

  // Only now is the token spent: a refusal above leaves it usable once the domain is renewed.
  const used = await consumeToken(tx, 'verify_email', input.token, now);
  if (!used) throw new AppError('not_found', STALE);
  await ownedAddress(tx, actor.id, before.id);
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
  await queueAccountChangeNotice(tx, {
    userId: actor.id,
    event: 'address_verified',
    emailId: before.id,
    address: before.address,
    now,
  });
  return { address: before.address, alreadyVerified: false };
}
