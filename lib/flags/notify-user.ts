import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { emails, flags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/auth/parse-input';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { MAX_BULK_FLAGS } from './schemas';
import { type NotifyResult, notifyFlagUsers } from './notify';

export const notifyUserSchema = z.object({ userId: z.coerce.number().int().positive() });

/** From a user's page: the staff notice for each of their flags still open, held or overridden. */
export async function notifyUser({
  ctx,
  input,
}: {
  ctx: VerbContext<Actor>;
  input: z.input<typeof notifyUserSchema>;
}): Promise<NotifyResult> {
  const { tx } = ctx;
  const { userId } = parseInput(notifyUserSchema, input);
  const rows = await tx
    .select({ id: flags.id })
    .from(flags)
    .innerJoin(emails, eq(emails.id, flags.emailId))
    .where(and(eq(emails.userId, userId), inArray(flags.state, ['open', 'pending_review', 'overridden'])))
    .limit(MAX_BULK_FLAGS);
  if (rows.length === 0)
    throw new AppError('conflict', 'This user has no open flag: there is nothing to tell them about.');
  return notifyFlagUsers({ ctx, input: { flagIds: rows.map((r) => r.id) } });
}
