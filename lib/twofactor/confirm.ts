import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { checkTotp } from '@/lib/auth/second-factor';
import { open } from '@/lib/auth/secret-box';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { newRecoveryCodes } from './recovery-codes';
import type { totpCodeSchema } from './schemas';

/**
 * Turns TOTP on once the user types a code from their app, and returns ten recovery codes. The
 * codes are shown this once: only their hashes are kept.
 */
export async function confirmTwoFactor({ ctx, input }: { ctx: VerbContext; input: z.output<typeof totpCodeSchema> }) {
  const { tx, actor } = ctx;
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  if (user.totpEnabled) throw new AppError('conflict', 'Two-factor authentication is already on.');
  if (!user.totpSecretEnc)
    throw new AppError('conflict', 'Start the set-up first: no authenticator secret is waiting.');
  const result = await checkTotp(open(user.totpSecretEnc), input.code, user.totpLastStep);
  if (!result.valid)
    throw new AppError(
      'invalid_input',
      'That code is not right. Check the time on your phone and type the code currently shown.',
      { code: 'wrong code' },
    );
  // An account that already has recovery codes (it has a passkey) keeps them: the owner saved those.
  const fresh = user.recoveryCodeHashes.length === 0 ? newRecoveryCodes() : null;
  await tx
    .update(users)
    .set({
      totpEnabled: true,
      totpLastStep: result.timeStep,
      ...(fresh ? { recoveryCodeHashes: fresh.hashes } : {}),
    })
    .where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.totp_enable', targetType: 'user', targetId: user.id });
  await queueAccountChangeNotice({ ctx, input: { userId: user.id, event: 'two_factor_enabled', emailId: null } });
  return { recoveryCodes: fresh?.codes ?? null };
}
