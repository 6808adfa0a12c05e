import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { emails, resetAttempts, users } from '@/db/schema';
import { normalizeAddress } from '@/lib/domains/normalize';
import { queueDirectMail } from '@/lib/notify/queue-mail';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { issueToken } from '@/lib/tokens/issue';
import { canReceiveReset, recoveryCandidates, resetBlock, resetRecipients } from './recovery-addresses';
import { RESET_LIMITS, type ResetOutcome, type resetRequestSchema } from './schemas';

export const resetLink = (appUrl: string, token: string) => `${appUrl}/reset-password/${token}`;

export interface ResetRequestResult {
  outcome: ResetOutcome;
  sentTo: string[];
}

/**
 * The password-reset gate. Finds the account by username or by any of its addresses and queues a
 * link to each of its verified, unflagged recovery addresses, and to nothing else: an unverified or
 * flagged address gets no mail at all (its domain may be someone else's now), not even a notice.
 *
 * The caller shows the same answer whatever this returns. Every input takes the same path (both
 * rate-limit counters, the username and the address lookups, the address query), so the time spent
 * does not tell accounts apart either; the mail itself goes out later from the outbox. What remains
 * is one token and one outbox insert per recipient, about a millisecond, well inside network jitter.
 */
export async function requestPasswordReset({
  ctx,
  input,
}: {
  /** `clientIp`: the peer, or what a trusted proxy reports (lib/auth/client-ip.ts). */
  ctx: { tx: DbOrTx; now: Date; clientIp: string; appUrl: string };
  input: z.output<typeof resetRequestSchema>;
}): Promise<ResetRequestResult> {
  const { tx, now } = ctx;
  const request = { input: input.input, clientIp: ctx.clientIp };
  const raw = request.input.trim().toLowerCase();
  const key = (raw.includes('@') ? normalizeAddress(raw) : null) ?? raw;

  const byInput = await hitRateLimit(tx, `reset:input:${key}`, RESET_LIMITS.perInput, RESET_LIMITS.windowSeconds, now);
  const byIp = await hitRateLimit(
    tx,
    `reset:ip:${request.clientIp}`,
    RESET_LIMITS.perIp,
    RESET_LIMITS.windowSeconds,
    now,
  );
  // Usernames cannot contain "@" and addresses always do: both lookups run for every input.
  const [byUsername] = await tx.select({ id: users.id }).from(users).where(eq(users.username, key));
  const [byAddress] = await tx
    .select({ id: emails.id, userId: emails.userId })
    .from(emails)
    .where(eq(emails.address, key));
  const userId = byUsername?.id ?? byAddress?.userId ?? null;
  const candidates = await recoveryCandidates(tx, userId ?? 0);
  const { recipients } = resetRecipients(candidates, now);
  const typed = candidates.find((c) => c.id === byAddress?.id);
  const typedBlock = typed ? resetBlock(typed) : null;

  let outcome: ResetOutcome;
  if (!byInput.allowed || !byIp.allowed) outcome = 'rate_limited';
  else if (userId === null) outcome = 'unknown_input';
  else if (typedBlock === 'flagged') outcome = 'refused_flagged';
  else if (typedBlock === 'unverified') outcome = 'refused_unverified';
  else if (typedBlock === 'domain_lapsing' || typedBlock === 'domain_not_watched') outcome = 'refused_domain';
  else if (recipients.length === 0) outcome = 'no_recovery_address';
  else outcome = 'sent';

  // A refused typed address does not stop the link to the account's good addresses: the owner gets
  // it there, and learns that someone asked using the address we no longer trust.
  const sending = outcome === 'rate_limited' || userId === null ? [] : recipients;
  for (const r of sending) {
    const issued = await issueToken(tx, { purpose: 'reset_password', userId: userId as number, emailId: r.id }, now);
    await queueDirectMail(tx, {
      userId: userId as number,
      emailId: r.id,
      address: r.address,
      kind: 'password_reset',
      dedupeKey: `password_reset:${issued.id}`,
      payload: {
        requestedVia: key,
        refusedAddress: typed && !canReceiveReset(typed) ? typed.address : null,
        expiresAt: issued.expiresAt.toISOString(),
      },
      secretLink: resetLink(ctx.appUrl, issued.token),
    });
  }
  const sentTo = sending.map((r) => r.address);
  await tx
    .insert(resetAttempts)
    .values({ input: key.slice(0, 320), userId, outcome, sentTo, clientIp: request.clientIp, at: now });
  return { outcome, sentTo };
}
