import type { DbOrTx } from '@/db/connect';
import type { Email } from '@/db/schema';
import { queueDirectMail } from '@/lib/notify/queue-mail';
import { issueToken, revokeTokens } from '@/lib/tokens/issue';

export const verifyLink = (appUrl: string, token: string) => `${appUrl}/account/verify/${token}`;

/**
 * A fresh verification link for the address, replacing any earlier one, queued to that address only.
 * The token's secret is in the sealed mail payload, never in the database in clear.
 */
export async function queueVerificationLink({
  ctx,
  input,
}: {
  ctx: { tx: DbOrTx; now: Date; appUrl: string };
  input: { email: Pick<Email, 'id' | 'userId' | 'address'> };
}) {
  const { tx, now, appUrl } = ctx;
  const { email } = input;
  await revokeTokens(tx, { purpose: 'verify_email', userId: email.userId, emailId: email.id }, now);
  const issued = await issueToken(tx, { purpose: 'verify_email', userId: email.userId, emailId: email.id }, now);
  await queueDirectMail(tx, {
    userId: email.userId,
    emailId: email.id,
    address: email.address,
    kind: 'verify_address',
    dedupeKey: `verify_address:${issued.id}`,
    payload: { address: email.address, expiresAt: issued.expiresAt.toISOString() },
    secretLink: verifyLink(appUrl, issued.token),
  });
  return issued;
}
