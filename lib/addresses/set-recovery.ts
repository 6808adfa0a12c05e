import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { RECOVERY_COOL_DOWN_MS } from './add';
import { hasLiveFlag, ownedAddress } from './owned';
import type { setRecoverySchema } from './schemas';

/** Chooses whether a verified address may receive password-reset links. */
export async function setRecoveryAddress({
  ctx,
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof setRecoverySchema>;
}) {
  const { tx, actor, now } = ctx;
  const email = await ownedAddress(tx, actor.id, input.emailId);
  if (input.useForRecovery) {
    if (!email.verified)
      throw new AppError('conflict', 'Only a verified address can receive password resets. Verify it first.');
    if (await hasLiveFlag(tx, email.id))
      throw new AppError('conflict', `${email.address} is flagged: its domain lapsed or changed hands.`);
  }
  if (email.useForRecovery === input.useForRecovery) return { address: email.address, changed: false };
  // Newly chosen for recovery: the cool-down starts again (lib/reset/recovery-addresses.ts).
  const hold = input.useForRecovery ? { recoveryHoldUntil: new Date(now.getTime() + RECOVERY_COOL_DOWN_MS) } : {};
  await tx
    .update(emails)
    .set({ useForRecovery: input.useForRecovery, ...hold })
    .where(eq(emails.id, email.id));
  await recordAudit(tx, actor, {
    action: 'email.set_recovery',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, useForRecovery: input.useForRecovery },
  });
  // Turned on: the others are told (the address may be an intruder's). Turned off: all are told.
  await queueAccountChangeNotice({
    ctx,
    input: {
      userId: actor.id,
      event: input.useForRecovery ? 'recovery_on' : 'recovery_off',
      emailId: input.useForRecovery ? email.id : null,
      address: email.address,
    },
  });
  return { address: email.address, changed: true };
}
