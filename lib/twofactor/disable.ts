import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { verifySecondFactor } from '@/lib/auth/second-factor';
import type { UserActor } from '@/lib/auth/session';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { newRecoveryCodes } from './recovery-codes';
import type { codeSchema } from './schemas';

async function lockedUserWithTotp(tx: DbOrTx, actor: UserActor) {
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  if (!user.totpEnabled) throw new AppError('conflict', 'Two-factor authentication is not on.');
  return user;
}

const WRONG = 'That code is not right. Type the code your app shows now, or one of your recovery codes.';

/**
 * Turns TOTP off. A session alone is not enough: whoever got in through a stolen session or a reset
 * link must not be able to strip the second factor, so a current code (or a recovery code) is needed.
 */
export async function disableTwoFactor({ ctx, input }: { ctx: VerbContext; input: z.output<typeof codeSchema> }) {
  const { tx, actor } = ctx;
  const user = await lockedUserWithTotp(tx, actor);
  if (!(await verifySecondFactor(tx, user, input.code)))
    throw new AppError('invalid_input', WRONG, { code: 'wrong code' });
  await tx
    .update(users)
    // With a passkey still on, the recovery codes stay: they are that passkey's fallback too.
    .set({
      totpEnabled: false,
      totpSecretEnc: null,
      totpLastStep: null,
      recoveryCodeHashes: user.passkeyCount > 0 ? user.recoveryCodeHashes : [],
    })
    .where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.totp_disable', targetType: 'user', targetId: user.id });
  await queueAccountChangeNotice({ ctx, input: { userId: user.id, event: 'two_factor_disabled', emailId: null } });
  return { disabled: true };
}

/** Replaces all recovery codes (e.g. after using some), also behind a current code. */
export async function regenerateRecoveryCodes({
  ctx,
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof codeSchema>;
}) {
  const { tx, actor } = ctx;
  const user = await lockedUserWithTotp(tx, actor);
  if (!(await verifySecondFactor(tx, user, input.code)))
    throw new AppError('invalid_input', WRONG, { code: 'wrong code' });
  const { codes, hashes } = newRecoveryCodes();
  await tx.update(users).set({ recoveryCodeHashes: hashes }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.recovery_codes_regenerate', targetType: 'user', targetId: user.id });
  await queueAccountChangeNotice({ ctx, input: { userId: user.id, event: 'recovery_codes_replaced', emailId: null } });
  return { recoveryCodes: codes };
}
