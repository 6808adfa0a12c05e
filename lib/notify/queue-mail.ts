import type { DbOrTx } from '@/db/connect';
import { notifications } from '@/db/schema';
import { seal } from '@/lib/auth/secret-box';
import type { NotificationKind } from './queue';

/** The payload key holding a link that carries a secret token, sealed (AES-GCM) until the mail is sent. */
export const SEALED_LINK_KEY = 'sealedLink';

export interface DirectMail {
  userId: number;
  /** The address row the mail goes to (verification: the new address; reset: a recovery address). */
  emailId: number;
  address: string;
  kind: Extract<NotificationKind, 'verify_address' | 'password_reset'>;
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** A link with a token in it. Stored sealed: staff reading the outbox or a database copy never see it. */
  secretLink?: string;
}

/**
 * Queues one mail to one specific address, with no in-app copy (unlike queueUserNotice): links that
 * prove control of a mailbox go to that mailbox only. Returns whether a row was new.
 */
export async function queueDirectMail(tx: DbOrTx, mail: DirectMail): Promise<boolean> {
  const payload = mail.secretLink ? { ...mail.payload, [SEALED_LINK_KEY]: seal(mail.secretLink) } : mail.payload;
  const rows = await tx
    .insert(notifications)
    .values({
      userId: mail.userId,
      emailId: mail.emailId,
      address: mail.address,
      kind: mail.kind,
      channel: 'email',
      dedupeKey: mail.dedupeKey,
      payload,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return rows.length > 0;
}
