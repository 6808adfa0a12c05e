import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { open } from '@/lib/auth/secret-box';
import type { NotificationKind } from './queue';
import { SEALED_LINK_KEY } from './queue-mail';
import { renderMail } from './templates';

/** What the outbox needs from nodemailer; tests pass their own. */
export interface MailTransport {
  sendMail(mail: Mail.Options): Promise<unknown>;
}

export function createMailTransport(smtpUrl: string): MailTransport & { close(): void } {
  // Short timeouts: a hung SMTP server must fail the attempt well within the claim's lease.
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
}

export interface OutgoingMail {
  id: number;
  address: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  recipientName: string | null;
}

/** The domain part of MAIL_FROM, for Message-IDs. */
export function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'gravekeeper.local';
}

/**
 * Message-ID derived from the notification id: if the worker dies after the SMTP server accepted a
 * mail but before the row was marked sent, the retry carries the same Message-ID, so the receiving
 * side can recognise the duplicate (delivery is at least once, never silently twice as different mails).
 */
export function notificationMessageId(id: number, from: string): string {
  return `<notification-${id}@${messageIdDomain(from)}>`;
}

export function buildMessage(mail: OutgoingMail, options: { from: string; appUrl: string }): Mail.Options {
  const sealed = mail.payload[SEALED_LINK_KEY];
  const link = typeof sealed === 'string' ? open(sealed) : null;
  const rendered = renderMail({ kind: mail.kind, payload: mail.payload, recipientName: mail.recipientName, appUrl: options.appUrl, link });
  return {
    from: options.from,
    to: mail.address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: notificationMessageId(mail.id, options.from),
    headers: { 'X-Gravekeeper-Notification': String(mail.id), 'X-Gravekeeper-Kind': mail.kind },
  };
}
