import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { passkeys, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import type { passkeyIdSchema } from './schemas';

/**
 * Removes one of the actor's passkeys (the action asks for a fresh step-up first). With the last
 * second factor gone, the recovery codes go too: they only ever stood in for a factor.
 */
export async function removePasskey({ ctx, input }: { ctx: VerbContext; input: z.output<typeof passkeyIdSchema> }) {
  const { tx, actor } = ctx;
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  const [removed] = await tx
    .delete(passkeys)
    .where(and(eq(passkeys.id, input.id), eq(passkeys.userId, actor.id)))
    .returning({ id: passkeys.id, name: passkeys.name });
  if (!removed)
    throw new AppError('not_found', 'That passkey is not on your account (it may have been removed already).');
  if (user.passkeyCount <= 1 && !user.totpEnabled)
    await tx.update(users).set({ recoveryCodeHashes: [] }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, {
    action: 'passkey.remove',
    targetType: 'user',
    targetId: user.id,
    details: { passkeyId: removed.id, name: removed.name },
  });
  await queueAccountChangeNotice({
    ctx,
    input: { userId: user.id, event: 'passkey_removed', emailId: null, address: removed.name },
  });
  return { removed: removed.id, name: removed.name };
}
