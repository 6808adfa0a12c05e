import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type Email, emails, flags } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * The caller's own address, optionally locked for the change. Another user's address answers
 * not_found, the same as a missing one: ids are guessable, ownership must not be. The lock is
 * NO KEY UPDATE so that a scan inserting a flag (a foreign key to this row) is not blocked by it.
 */
export async function ownedAddress(tx: DbOrTx, userId: number, emailId: number, lock = true): Promise<Email> {
  const query = tx
    .select()
    .from(emails)
    .where(and(eq(emails.id, emailId), eq(emails.userId, userId)));
  const [row] = lock ? await query.for('no key update') : await query;
  if (!row) throw new AppError('not_found', 'That address is not on your account.');
  return row;
}

/** Whether the address has a live flag (open, or held for staff review). */
export async function hasLiveFlag(tx: DbOrTx, emailId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.emailId, emailId), inArray(flags.state, ['open', 'pending_review'])))
    .limit(1);
  return rows.length > 0;
}
