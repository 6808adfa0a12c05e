import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/auth/parse-input';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { queueUserNotice } from '@/lib/notify/queue';
import { lockFlags } from './load';
import { staffNoticeFacts, staffNoticePayload } from './notice';
import { type NotifyFlagsInput, notifyFlagsSchema } from './schemas';

export interface NotifyResult {
  /** Flags whose user got a new notice. */
  notified: number;
  /** Flags whose user had been sent this notice already (one per user per flag). */
  alreadyNotified: number;
  /** Resolved flags: nothing left to warn about. */
  skipped: number;
  /** Notification rows queued (in-app plus one mail per other verified address). */
  queued: number;
}

/**
 * Tells the users behind the selected flags how to keep their account (a backup address at a big
 * provider, 2FA), worded by what each already has (lib/flags/notice.ts). In-app and by
 * mail to their other verified addresses — never to the flagged one, whose domain a stranger may
 * hold. Keyed per flag, so a second click or a colleague's repeat queues nothing.
 */
export async function notifyFlagUsers({
  ctx,
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: NotifyFlagsInput;
}): Promise<NotifyResult> {
  const { tx, actor } = ctx;
  const input = parseInput(notifyFlagsSchema, raw);
  const locked = await lockFlags(tx, input.flagIds);
  const live = locked.filter((f) => f.state !== 'resolved');
  if (live.length === 0)
    throw new AppError('conflict', 'The selected flags are resolved: there is nothing to tell their users.');
  const userIds = [...new Set(live.map((f) => f.userId))];
  const facts = await staffNoticeFacts(tx, userIds);
  const audits: AuditInput[] = [];
  let queued = 0;
  let notified = 0;
  for (const f of live) {
    const payload = staffNoticePayload({
      flagId: f.id,
      address: f.address,
      domain: f.domain,
      stage: f.stage,
      twoFactorEnabled: facts.get(f.userId)?.twoFactorEnabled ?? false,
      backup: facts.get(f.userId)?.backup ?? null,
    });
    const rows = await queueUserNotice(tx, {
      userId: f.userId,
      emailId: f.emailId,
      kind: 'staff_notice',
      dedupeKey: `staff_notice:flag:${f.id}`,
      payload,
      mailTo: 'others',
    });
    if (rows === 0) continue;
    queued += rows;
    notified += 1;
    audits.push({
      action: 'flag.notify',
      targetType: 'flag',
      targetId: f.id,
      details: { address: f.address, userId: f.userId, domain: f.domain, stage: f.stage, queued: rows },
    });
  }
  await recordAudit(tx, actor, audits);
  return { notified, alreadyNotified: live.length - notified, skipped: locked.length - live.length, queued };
}
