import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { users } from '@/db/schema';
import { backupOf, goodAddressesOf } from '@/lib/addresses/good-addresses';
import { STAGE_PHRASES as STAGE_PHRASE } from '@/lib/account/stage-phrases';
import type { Stage } from '@/core/domains';
import { backupStep, type NoticeBackup } from '@/lib/notify/templates';

/** What the notice may assume about the user's account. */
export interface NoticeFacts {
  twoFactorEnabled: boolean;
  /** Their verified, unflagged address at a big provider, if any (where this very mail may be going). */
  backup: NoticeBackup;
}

export interface StaffNoticeInput extends NoticeFacts {
  flagId: number;
  address: string;
  domain: string;
  stage: Stage;
}

/**
 * For each user, what their staff notice can build on: two-factor on or off, and the backup address
 * they already have. Read once for a batch of flags, inside the notifying transaction.
 */
export async function staffNoticeFacts(tx: DbOrTx, userIds: readonly number[]): Promise<Map<number, NoticeFacts>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const twoFactor = await tx.select({ id: users.id, on: users.totpEnabled }).from(users).where(inArray(users.id, ids));
  const good = await goodAddressesOf(tx, ids);
  return new Map(
    ids.map((id) => [
      id,
      { twoFactorEnabled: twoFactor.find((u) => u.id === id)?.on ?? false, backup: backupOf(good.get(id)) },
    ]),
  );
}

/**
 * The staff notice: what happened to the domain, and what keeps the account safe, worded by what the
 * user already has. It goes to their other addresses (never the flagged one), so to a user whose
 * backup is at a big provider it says to keep that one, not to add one; two-factor authentication is
 * asked for only while it is off. Stored in the payload so every channel (mail, in-app) says the same.
 */
export function staffNoticePayload(n: StaffNoticeInput) {
  const steps = [
    backupStep(n.backup),
    ...(n.twoFactorEnabled
      ? []
      : ['Turn on two-factor authentication, so a password reset alone cannot take your account.']),
  ];
  const body = [
    `Our trust and safety team is contacting you because the domain ${n.domain} ${STAGE_PHRASE[n.stage]}.`,
    `Whoever controls ${n.domain} can receive mail for ${n.address}, including password resets: it is no longer a safe way to recover your account.`,
    'To keep your account safe:',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
  ].join('\n');
  return {
    flagId: n.flagId,
    address: n.address,
    domain: n.domain,
    stage: n.stage,
    subject: `Action needed: the domain of ${n.address} ${STAGE_PHRASE[n.stage]}`,
    // The outbox template reads `message` (falling back to `body`).
    message: body,
    body,
    steps,
    backup: n.backup,
  };
}
