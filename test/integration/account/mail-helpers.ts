import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { notifications } from '@/db/schema';
import { open } from '@/lib/auth/secret-box';
import { SEALED_LINK_KEY } from '@/lib/notify/queue-mail';

/** The queued mails to an address, newest first. */
export async function mailsTo(db: Db, address: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.address, address), eq(notifications.channel, 'email')))
    .orderBy(desc(notifications.id));
}

/** The token in the newest queued link mail to an address (as the recipient would click it). */
export async function latestToken(db: Db, address: string): Promise<string> {
  const [mail] = await mailsTo(db, address);
  const sealed = mail?.payload[SEALED_LINK_KEY];
  if (typeof sealed !== 'string') throw new Error(`no link mail queued to ${address}`);
  return open(sealed).split('/').pop()!;
}
