import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { buildMessage, envelopeSender, UndeliverableAddressError } from '@/lib/notify/send';

// Hole 1 of the recovery promise: one string stored under one domain and delivered to another. The
// address grammar refuses every shape a mail library could read as something else, and the outbox
// hands nodemailer an explicit envelope built from the stored address. Checked here with nodemailer
// itself: what it would put in RCPT TO is what was checked.

const options = { from: 'Gravekeeper <no-reply@registry.example>', appUrl: 'https://registry.example' };
const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function rcptTo(address: string): Promise<string[]> {
  const message = buildMessage(
    {
      id: 1,
      address,
      kind: 'address_unverified',
      payload: { address, domain: 'x' },
      recipientName: 'Morgan <x@evil.example>, "',
    },
    options,
  );
  const info = (await transport.sendMail(message)) as { envelope: { from: string; to: string[] } };
  expect(info.envelope.from).toBe('no-reply@registry.example');
  return info.envelope.to;
}

// Each of these was accepted before and filed under the domain after the last "@" while nodemailer
// delivered elsewhere (or to several mailboxes).
const ATTACKS = [
  '<probe@lapsing-probe.dev>x@gmail.com',
  'probe@lapsing-probe.dev,x@gmail.com',
  'probe@lapsing-probe.dev;x@gmail.com',
  'probe@lapsing-probe.dev, x@gmail.com',
  'x(probe@lapsing-probe.dev)@gmail.com',
  '"probe@lapsing-probe.dev"@gmail.com',
  'Probe <probe@lapsing-probe.dev>',
  'probe@lapsing-probe.dev <x@gmail.com>',
  'x%probe@lapsing-probe.dev',
  'x%lapsing-probe.dev@gmail.com',
  'lapsing-probe.dev!x@gmail.com',
  'x@gmail.com.',
  'x.@gmail.com',
  '.x@gmail.com',
  'x..y@gmail.com',
  'x@gmail.com\r\nBcc: probe@lapsing-probe.dev',
  'x@pаypal.com', // Cyrillic а inside a Latin name
  'x@раураl.com', // Latin l with Cyrillic р, а, у
  'x@аррӏе.com', // all Cyrillic, looks like apple.com
  'x@gооgle.com', // Cyrillic о
  'x@ｇmail.com', // full-width g: UTS #46 maps it to gmail.com, which is allowed (same domain) — see below
];

describe('the mailbox grammar', () => {
  it.each(ATTACKS.filter((a) => !a.includes('ｇ')))('refuses %j', (input) => {
    expect(normalizeEmailDomain(input).ok).toBe(false);
  });

  it('maps width variants to the one domain they name (no second domain to deliver to)', async () => {
    const result = normalizeEmailDomain('x@ｇmail.com');
    expect(result).toMatchObject({ ok: true, address: 'x@gmail.com', registrableDomain: 'gmail.com' });
    expect(await rcptTo('x@gmail.com')).toEqual(['x@gmail.com']);
  });

  it('accepts ordinary and internationalised addresses', () => {
    expect(normalizeEmailDomain('Morgan.Backup+pypi@GMAIL.com')).toMatchObject({
      ok: true,
      address: 'morgan.backup+pypi@gmail.com',
    });
    expect(normalizeEmailDomain('alice@bücher.de')).toMatchObject({
      ok: true,
      address: 'alice@xn--bcher-kva.de',
      registrableDomain: 'xn--bcher-kva.de',
    });
    expect(normalizeEmailDomain('kazu@黒川.日本')).toMatchObject({ ok: true });
    expect(normalizeEmailDomain('ivan@сосо.рф')).toMatchObject({ ok: true });
  });
});

describe('the SMTP envelope', () => {
  // Strings built from the characters that give address syntax its meanings.
  const hostile = fc
    .array(
      fc.constantFrom(
        'a',
        'b',
        'x',
        '.',
        '@',
        '<',
        '>',
        ',',
        ';',
        ':',
        '"',
        '(',
        ')',
        ' ',
        '%',
        '!',
        '\\',
        'gmail.com',
        'lapsing-probe.dev',
        'а',
        '\n',
      ),
      {
        minLength: 3,
        maxLength: 14,
      },
    )
    .map((parts) => parts.join(''));
  const input = fc.oneof(
    hostile,
    fc.emailAddress(),
    fc.emailAddress().map((a) => `<${a}>`),
    fc.tuple(fc.emailAddress(), fc.emailAddress()).map(([a, b]) => `${a},${b}`),
  );

  it('names exactly the stored address, at the stored registrable domain, for every accepted input', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const result = normalizeEmailDomain(raw);
        if (!result.ok) return;
        const to = await rcptTo(result.address);
        expect(to).toEqual([result.address]);
        expect(getDomain(to[0]!.slice(to[0]!.lastIndexOf('@') + 1), { allowPrivateDomains: false })).toBe(
          result.registrableDomain,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('refuses to send to a stored address that does not pass the grammar (e.g. stored before it existed)', () => {
    for (const stored of ['<probe@lapsing-probe.dev>x@gmail.com', 'a@x.dev,b@gmail.com', 'Morgan@Gmail.com']) {
      expect(() =>
        buildMessage({ id: 1, address: stored, kind: 'staff_notice', payload: {}, recipientName: null }, options),
      ).toThrow(UndeliverableAddressError);
    }
  });

  it('takes the envelope sender from MAIL_FROM', () => {
    expect(envelopeSender('"Registry, Security" <security@registry.example>')).toBe('security@registry.example');
    expect(envelopeSender('no-reply@registry.example')).toBe('no-reply@registry.example');
  });
});
