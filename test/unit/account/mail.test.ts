import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@/lib/auth/secret-box';
import { backoffMs, OUTBOX_DEFAULTS } from '@/lib/notify/outbox-worker';
import { SEALED_LINK_KEY } from '@/lib/notify/queue-mail';
import { parseRawMail } from '@/dev/peers/raw-mail';
import { buildMessage, messageIdDomain, notificationMessageId } from '@/lib/notify/send';
import { HIDDEN_LINK, renderMail } from '@/lib/notify/templates';

beforeAll(() => {
  process.env.GK_ENCRYPTION_KEY ??= 'unit-test-encryption-key-0123456789';
});

const appUrl = 'https://registry.example';
const base = { recipientName: 'Morgan', appUrl };

describe('mail templates', () => {
  it('tell an unverified address\u2019s owner what happened and both remedies, in text and HTML', () => {
    const mail = renderMail({
      ...base,
      kind: 'address_unverified',
      payload: { address: 'dev@lapsed-example.dev', domain: 'lapsed-example.dev', stage: 're_registered' },
      link: null,
    });
    expect(mail.subject).toBe('We stopped trusting dev@lapsed-example.dev');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('was registered again after you verified this address');
      expect(body).toContain('backup address at a big provider');
      expect(body).toContain('two-factor authentication');
      expect(body).toContain('https://registry.example/account');
    }
  });

  it('say when an expiring domain expires', () => {
    const mail = renderMail({
      ...base,
      kind: 'domain_expiring',
      payload: { address: 'a@x.dev', domain: 'x.dev', stage: 'expiring', expiresAt: '2026-11-03T10:00:00Z' },
      link: null,
    });
    expect(mail.subject).toBe('The domain x.dev is about to lapse');
    expect(mail.text).toContain('expiry: 3 November 2026');
  });

  it('put the one-time link in a reset mail, or a placeholder when previewed', () => {
    const payload = { requestedVia: 'dev@lapsed-example.dev', refusedAddress: 'dev@lapsed-example.dev' };
    const sent = renderMail({
      ...base,
      kind: 'password_reset',
      payload,
      link: 'https://registry.example/reset-password/abc',
    });
    expect(sent.text).toContain('https://registry.example/reset-password/abc');
    expect(sent.text).toContain('Nothing was sent there');
    const preview = renderMail({ ...base, kind: 'password_reset', payload, link: null });
    expect(preview.text).toContain(HIDDEN_LINK);
    expect(preview.text + preview.html).not.toContain('reset-password/');
  });

  it('keep a staff message\u2019s lines and escape everything in HTML', () => {
    const mail = renderMail({
      ...base,
      recipientName: '<b>Eve</b>',
      kind: 'staff_notice',
      payload: { subject: 'Heads up', message: 'Line one\n1. <script>x</script>' },
      link: null,
    });
    expect(mail.subject).toBe('Heads up');
    expect(mail.text).toContain('Line one\n\n1. <script>x</script>');
    expect(mail.html).toContain('&#60;script&#62;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Eve</b>');
  });
});

describe('outgoing messages', () => {
  it('derive the Message-ID from the notification id, so a resend is recognisable', () => {
    expect(messageIdDomain('Gravekeeper <no-reply@gk.example>')).toBe('gk.example');
    expect(notificationMessageId(42, 'Gravekeeper <no-reply@gk.example>')).toBe('<notification-42@gk.example>');
  });

  it('open the sealed link only when building the real mail, and survive a round trip through MIME', async () => {
    const link = 'https://registry.example/reset-password/tok_en-123';
    const message = buildMessage(
      {
        id: 7,
        address: 'morgan.backup@gmail.com',
        kind: 'password_reset',
        recipientName: 'Morgan Müller',
        payload: { [SEALED_LINK_KEY]: seal(link), requestedVia: 'maintainer' },
      },
      { from: 'Gravekeeper <no-reply@gk.example>', appUrl },
    );
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = (await transport.sendMail(message)) as unknown as { message: Buffer };
    const parsed = parseRawMail(info.message.toString('utf8'));
    expect(parsed.messageId).toBe('<notification-7@gk.example>');
    expect(parsed.subject).toBe('Reset your password');
    // The display name is encoded by nodemailer from the object; the address part is the stored one.
    expect(parsed.to).toBe('=?UTF-8?Q?Morgan_M=C3=BCller?= <morgan.backup@gmail.com>');
    expect(parsed.text).toContain(link);
    expect(parsed.text).toContain('Hello Morgan Müller,');
  });
});

describe('retry backoff', () => {
  it('doubles from one minute and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoffMs(50)).toBe(OUTBOX_DEFAULTS.backoffCapMs);
  });
});
