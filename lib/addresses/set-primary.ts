import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { ownedAddress } from './owned';
import type { emailIdSchema } from './schemas';

/** Makes a verified address the primary one (the unique index allows one primary per user). */
export async function setPrimaryAddress({ ctx, input }: { ctx: VerbContext; input: z.output<typeof emailIdSchema> }) {
  const { tx, actor } = ctx;
  const email = await ownedAddress(tx, actor.id, input.emailId);
  if (!email.verified) throw new AppError('conflict', 'Only a verified address can be your primary address.');
  if (email.isPrimary) return { address: email.address, changed: false };
  const [previous] = await tx
    .update(emails)
    .set({ isPrimary: false })
    .where(and(eq(emails.userId, actor.id), eq(emails.isPrimary, true), ne(emails.id, email.id)))
    .returning({ address: emails.address });
  await tx.update(emails).set({ isPrimary: true }).where(eq(emails.id, email.id));
  await recordAudit(tx, actor, {
    action: 'email.set_primary',
    targetType: 'email',
    targetId: email.id,
    details: { address: email.address, previous: previous?.address ?? null },
  });
  await queueAccountChangeNotice({
    ctx,
    input: { userId: actor.id, event: 'primary_changed', emailId: email.id, address: email.address },
  });
  return { address: email.address, changed: true };
}
