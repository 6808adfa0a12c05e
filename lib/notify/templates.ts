import { STAGE_PHRASES } from '@/lib/account/stage-phrases';
import { STAGES, type Stage } from '@/core/domains';
import { describeAccountChange } from './account-change';
import { lookalikeAlert } from './lookalike-template';
import type { NotificationKind } from './queue';

// Plain-text and HTML bodies for every kind of mail. Pure: the sender renders with the real link,
// the staff outbox page renders the same template with the link hidden.

export interface TemplateInput {
  kind: NotificationKind;
  payload: Record<string, unknown>;
  recipientName: string | null;
  /** Base URL of the web app, for links that carry no secret (the account page). */
  appUrl: string;
  /** The secret link (verify / reset), or null to render a placeholder (previews). */
  link: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One paragraph of a mail: text, or a link shown as a button in HTML. */
type Block = { p: string } | { link: string; label: string };

export const HIDDEN_LINK = '[link hidden: it holds a one-time token]';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const stageOf = (v: unknown): Stage | null => ((STAGES as readonly string[]).includes(str(v)) ? (v as Stage) : null);
const day = (v: unknown) => {
  const d = new Date(str(v));
  return Number.isNaN(d.getTime())
    ? null
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/** The account's address at a big provider, as a notice's payload names it (lib/addresses/good-addresses.ts). */
export type NoticeBackup = { address: string; forResets: boolean } | null;

const backupFrom = (v: unknown): NoticeBackup => {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  return o && typeof o.address === 'string' && o.address
    ? { address: o.address, forResets: o.forResets === true }
    : null;
};

/**
 * The backup step, by what the account already has. Mail about a lapsed address goes to the owner's
 * other addresses, often exactly the big-provider address a generic text would tell them to add.
 */
export function backupStep(backup: NoticeBackup): string {
  if (!backup)
    return 'Add a backup address at a big provider (Gmail, Outlook, Proton …), not at a domain you register yourself, and verify it.';
  return backup.forResets
    ? `Keep ${backup.address}: it is at a big provider, whose domain cannot lapse, and your password resets go there. There is no need to add another address.`
    : `Choose ${backup.address} for password resets on your account page: it is at a big provider, whose domain cannot lapse.`;
}

function remedies(appUrl: string, backup: NoticeBackup): Block[] {
  return [
    { p: 'To keep control of your account:' },
    { p: `1. ${backupStep(backup)}` },
    { p: '2. Turn on two-factor authentication: a reset link alone is then not enough to sign in.' },
    { link: `${appUrl}/account`, label: 'Open your account' },
  ];
}

/**
 * The calendar reminder for an expiring domain (30, 7 and 1 days before its stated expiry; see
 * lib/policy/reminders.ts): when it expires, in days, and what renewing or not means.
 */
export function expiryReminder(payload: Record<string, unknown>, appUrl: string): { subject: string; blocks: Block[] } {
  const domain = str(payload.domain);
  const days = typeof payload.reminderDays === 'number' ? payload.reminderDays : null;
  const when = days === 1 ? 'tomorrow' : days === null ? 'soon' : `in ${days} days`;
  const on = day(payload.expiresAt);
  return {
    subject: `The domain ${domain} expires ${when}`,
    blocks: [
      {
        p: `The domain ${domain} of your address ${str(payload.address)} expires ${when}${on ? `, on ${on}` : ''}, according to its registry or registrar.`,
      },
      {
        p: 'Renew it with your registrar before then. If it lapses, whoever registers it next receives its mail, including password resets for your account. If you do not mean to keep it:',
      },
      ...remedies(appUrl, backupFrom(payload.backup)),
    ],
  };
}

function body(input: TemplateInput): { subject: string; blocks: Block[] } {
  const { payload: p, appUrl } = input;
  const link = input.link ?? HIDDEN_LINK;
  const stage = stageOf(p.stage);
  const domain = str(p.domain);
  switch (input.kind) {
    case 'verify_address':
      return {
        subject: 'Confirm your email address',
        blocks: [
          {
            p: `Someone (we hope you) added ${str(p.address)} to a Gravekeeper account. Open this link while signed in to confirm it:`,
          },
          { link, label: 'Confirm this address' },
          {
            p: 'The link works once, for 24 hours. If you did not add this address, ignore this mail: nothing changes.',
          },
        ],
      };
    case 'password_reset': {
      const via = str(p.requestedVia);
      return {
        subject: 'Reset your password',
        blocks: [
          {
            p: `A password reset was requested for your account${via ? ` (asked for with "${via}")` : ''}. Choose a new password here:`,
          },
          { link, label: 'Choose a new password' },
          {
            p: 'The link works once, for 30 minutes. If you did not ask, ignore this mail: your password stays as it is.',
          },
          ...(p.refusedAddress
            ? [
                {
                  p: `It was asked for with ${str(p.refusedAddress)}, an address we no longer trust because its domain lapsed or changed hands. Nothing was sent there. If that was not you, someone may be trying to take over your account: turn on two-factor authentication.`,
                },
              ]
            : []),
        ],
      };
    }
    case 'domain_expiring':
      if (typeof p.reminderDays === 'number') return expiryReminder(p, appUrl);
      return {
        subject: `The domain ${domain} is about to lapse`,
        blocks: [
          {
            p: `The domain ${domain} of your address ${str(p.address)} ${stage ? STAGE_PHRASES[stage] : 'is lapsing'}${day(p.expiresAt) ? ` (expiry: ${day(p.expiresAt)})` : ''}.`,
          },
          {
            p: 'If it lapses, whoever registers it next receives its mail, including password resets for your account. Renew it, or:',
          },
          ...remedies(appUrl, backupFrom(p.backup)),
        ],
      };
    case 'address_unverified':
      return {
        subject: `We stopped trusting ${str(p.address)}`,
        blocks: [
          {
            p: `${str(p.address)} is now unverified because the domain ${domain} ${stage ? STAGE_PHRASES[stage] : 'changed'}. It can no longer receive password resets, and we sent nothing there.`,
          },
          ...(str(p.newPrimary)
            ? [
                {
                  p: `${str(p.newPrimary)} is now your primary address in its place: it is the oldest address of your account that is still verified.`,
                },
              ]
            : []),
          ...remedies(appUrl, backupFrom(p.backup)),
        ],
      };
    case 'account_change':
      return {
        subject: 'A security change on your account',
        blocks: [
          { p: `${describeAccountChange(str(p.event), str(p.address))}${day(p.at) ? ` (${day(p.at)}, UTC)` : ''}` },
          {
            p: 'If this was you, there is nothing to do. If it was not, someone else may be signed in to your account:',
          },
          { p: '1. Reset your password from the sign-in page; that signs every other session out.' },
          {
            p: '2. Open your account, remove any address or passkey you do not know, and turn on two-factor authentication (a passkey if you can). A password reset never removes a passkey.',
          },
          { link: `${appUrl}/account`, label: 'Open your account' },
        ],
      };
    case 'lookalike_alert':
      return lookalikeAlert(p, appUrl);
    case 'staff_notice':
      return {
        subject: str(p.subject) || 'A message from the Gravekeeper trust and safety team',
        // Staff write paragraphs and numbered steps on separate lines; each line is kept as a paragraph.
        blocks: [
          ...(str(p.message) || str(p.body))
            .split(/\n+/)
            .filter(Boolean)
            .map((line) => ({ p: line })),
          { link: `${appUrl}/account`, label: 'Open your account' },
        ],
      };
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(input: TemplateInput): RenderedMail {
  const { subject, blocks } = body(input);
  const greeting = `Hello${input.recipientName ? ` ${input.recipientName}` : ''},`;
  const text = [greeting, ...blocks.map((b) => ('p' in b ? b.p : `${b.label}: ${b.link}`)), '— Gravekeeper'].join(
    '\n\n',
  );
  const htmlBlocks = blocks.map((b) => {
    if ('p' in b) return `<p>${escapeHtml(b.p)}</p>`;
    if (!/^https?:\/\//.test(b.link)) return `<p><em>${escapeHtml(b.link)}</em></p>`;
    const href = escapeHtml(b.link);
    return `<p><a href="${href}" style="display:inline-block;padding:8px 14px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p><p style="font-size:12px;color:#555">${href}</p>`;
  });
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111"><p>${escapeHtml(greeting)}</p>${htmlBlocks.join('')}<p>— Gravekeeper</p></body></html>`;
  return { subject, text: `${text}\n`, html };
}
