import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type Mail from 'nodemailer/lib/mailer';
import { open } from '@/lib/auth/secret-box';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import type { NotificationKind } from './queue';
import { SEALED_LINK_KEY } from './queue-mail';
import { renderMail } from './templates';

/** What the outbox needs from nodemailer; tests pass their own. */
export interface MailTransport {
  sendMail(mail: Mail.Options): Promise<unknown>;
}

export function createMailTransport(smtpUrl: string): MailTransport & { close(): void } {
  // Short timeouts: a hung SMTP server must fail the attempt well within the claim's lease.
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
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

/** A stored address that no longer passes the mailbox grammar: never handed to SMTP, never retried. */
export class UndeliverableAddressError extends Error {
  constructor(address: string, why: string) {
    super(`not sent: the stored address ${JSON.stringify(address)} is not a single mailbox (${why})`);
    this.name = 'UndeliverableAddressError';
  }
}

/** The bare address of MAIL_FROM ("Gravekeeper <no-reply@x>" → "no-reply@x") for the SMTP envelope. */
export function envelopeSender(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new Error(`MAIL_FROM has no address: ${from}`);
  return first.address;
}

/**
 * The message for one outbox row. The recipient is handed to nodemailer as an object and the SMTP
 * envelope is set explicitly, both from the stored, normalised address, and only if that address
 * still passes the mailbox grammar unchanged: nodemailer never parses a recipient string, so the
 * RCPT TO can never name another mailbox than the one whose domain we checked.
 */
export function buildMessage(mail: OutgoingMail, options: { from: string; appUrl: string }): Mail.Options {
  const checked = normalizeEmailDomain(mail.address);
  if (!checked.ok) throw new UndeliverableAddressError(mail.address, checked.error.message);
  if (checked.address !== mail.address)
    throw new UndeliverableAddressError(mail.address, 'it is not in its normalised form');
  const sealed = mail.payload[SEALED_LINK_KEY];
  const link = typeof sealed === 'string' ? open(sealed) : null;
  const rendered = renderMail({
    kind: mail.kind,
    payload: mail.payload,
    recipientName: mail.recipientName,
    appUrl: options.appUrl,
    link,
  });
  return {
    from: options.from,
    to: { name: mail.recipientName ?? '', address: checked.address },
    envelope: { from: envelopeSender(options.from), to: [checked.address] },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: notificationMessageId(mail.id, options.from),
    headers: { 'X-Gravekeeper-Notification': String(mail.id), 'X-Gravekeeper-Kind': mail.kind },
  };
}
