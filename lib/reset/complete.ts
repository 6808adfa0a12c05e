import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { passkeys, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { parseInput } from '@/lib/auth/parse-input';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { consumeToken } from '@/lib/tokens/consume';
import { revokeTokens } from '@/lib/tokens/issue';
import { canReceiveReset, recoveryCandidates } from './recovery-addresses';
import { resetCompleteSchema } from './schemas';

// What happened to the link, not what to do next: the reset page offers the one way on, "Ask for a
// new link", beside it (saying it twice, once in the sentence and once as a link, read as a stutter).
export const RESET_LINK_STALE =
  'This reset link no longer works: it was used, it expired (links last 30 minutes), or a newer reset replaced it.';

export type ResetCompletion = { status: 'changed'; username: string } | { status: 'refused'; message: string };

/**
 * Sets a new password from a reset link: the token is used once, and every other reset link of the
 * account stops working. The address the link went to is checked again: if it was flagged or
 * unverified since (its domain lapsed in the meantime), the link is void.
 */
export async function completePasswordReset({
  ctx,
  input: raw,
}: {
  ctx: { tx: DbOrTx; now: Date };
  input: z.input<typeof resetCompleteSchema>;
}): Promise<ResetCompletion> {
  const { tx, now } = ctx;
  // Parsed again here: whatever the caller checked, no password below the rules is ever stored.
  const input = parseInput(resetCompleteSchema, raw);
  const token = await consumeToken(tx, 'reset_password', input.token, now);
  if (!token) throw new AppError('not_found', RESET_LINK_STALE);
  const [user] = await tx.select().from(users).where(eq(users.id, token.userId)).for('update');
  if (!user) throw new AppError('not_found', RESET_LINK_STALE);
  const sentTo = (await recoveryCandidates(tx, user.id)).find((c) => c.id === token.emailId);
  if (!sentTo || !canReceiveReset(sentTo)) {
    // Commit the revocation (no throw): the link must die, not wait for the address to look good again.
    await revokeTokens(tx, { purpose: 'reset_password', userId: user.id }, now);
    return {
      status: 'refused',
      message:
        'This link went to an address that can no longer receive password resets (its domain may have lapsed). A new link goes only to addresses we still trust.',
    };
  }
  // The new password also ends every session signed in with the old one.
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.password), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, user.id));
  await revokeTokens(tx, { purpose: 'reset_password', userId: user.id }, now);
  const actor = { type: 'user' as const, id: user.id, role: user.role, username: user.username };
  await recordAudit(tx, actor, {
    action: 'user.password_reset',
    targetType: 'user',
    targetId: user.id,
    details: { via: sentTo.address },
  });
  // Every verified address hears of it (OWASP ASVS 5.0 6.3.7): a reset the owner did not make is noticed.
  // A reset never removes a passkey (a reset link from a lapsed domain must not strip the owner's
  // strongest factor), so the notice names them: a passkey the owner does not know is someone else's way in.
  const keys = await ctx.tx.select({ name: passkeys.name }).from(passkeys).where(eq(passkeys.userId, user.id));
  await queueAccountChangeNotice({
    ctx,
    input: {
      userId: user.id,
      event: keys.length ? 'password_changed_passkeys' : 'password_changed',
      emailId: null,
      address: keys.map((k) => `“${k.name}”`).join(', '),
    },
  });
  return { status: 'changed', username: user.username };
}
