import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { newRecoveryCodes } from '@/lib/twofactor/recovery-codes';

/**
 * New recovery codes for an account whose second factor is a passkey (with an app, the app's form
 * replaces them with a current code). The action asks for a step-up made with the passkey first, so
 * the old codes are never needed to get new ones.
 */
export async function replaceRecoveryCodes({ ctx }: { ctx: VerbContext; input: Record<string, never> }) {
  const { tx, actor } = ctx;
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  if (user.passkeyCount === 0 && !user.totpEnabled)
    throw new AppError('conflict', 'Recovery codes come with a second factor: add a passkey first.');
  const { codes, hashes } = newRecoveryCodes();
  await tx.update(users).set({ recoveryCodeHashes: hashes }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.recovery_codes_regenerate', targetType: 'user', targetId: user.id });
  await queueAccountChangeNotice({ ctx, input: { userId: user.id, event: 'recovery_codes_replaced', emailId: null } });
  return { recoveryCodes: codes };
}
