import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { ownedAddress } from './owned';
import type { emailIdSchema } from './schemas';

/** Removes one of the caller's addresses (its tokens go with it; sent notices keep the address text). */
export async function removeAddress({ ctx, input }: { ctx: VerbContext; input: z.output<typeof emailIdSchema> }) {
  const { tx, actor } = ctx;
  const email = await ownedAddress(tx, actor.id, input.emailId);
  const [all] = await tx.select({ n: count() }).from(emails).where(eq(emails.userId, actor.id));
  if ((all?.n ?? 0) <= 1)
    throw new AppError('conflict', 'This is your only address. Add another one before removing it.');
  if (email.isPrimary)
    throw new AppError('conflict', 'This is your primary address. Make another verified address primary first.');
  await tx.delete(emails).where(and(eq(emails.id, email.id), eq(emails.userId, actor.id)));
  await recordAudit(tx, actor, {
    action: 'email.remove',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, wasVerified: email.verified },
  });
  // Told to every remaining verified address: the removed one may have been the owner's.
  await queueAccountChangeNotice({
    ctx,
    input: { userId: actor.id, event: 'address_removed', emailId: null, address: email.address },
  });
  return { address: email.address };
}
