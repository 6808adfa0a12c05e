import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { hasLiveFlag, ownedAddress } from './owned';
import type { setRecoverySchema } from './schemas';

/** Chooses whether a verified address may receive password-reset links. */
export async function setRecoveryAddress(tx: DbOrTx, actor: UserActor, input: z.output<typeof setRecoverySchema>) {
  const email = await ownedAddress(tx, actor.id, input.emailId);
  if (input.useForRecovery) {
    if (!email.verified) throw new AppError('conflict', 'Only a verified address can receive password resets. Verify it first.');
    if (await hasLiveFlag(tx, email.id)) throw new AppError('conflict', `${email.address} is flagged: its domain lapsed or changed hands.`);
  }
  if (email.useForRecovery === input.useForRecovery) return { address: email.address, changed: false };
  await tx.update(emails).set({ useForRecovery: input.useForRecovery }).where(eq(emails.id, email.id));
  await recordAudit(tx, actor, {
    action: 'email.set_recovery',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, useForRecovery: input.useForRecovery },
  });
  return { address: email.address, changed: true };
}
