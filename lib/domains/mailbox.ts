import { domainToUnicode } from 'node:url';

// The mailbox grammar every boundary accepts (forms, CLI, seed, the outbox). One string must name one
// mailbox at one domain: an address that a mail library could read as a list, a display name, a
// comment or a route ("<probe@lapsing.dev>x@gmail.com", "a@x.dev,b@gmail.com", "a%b@x.com") would
// be filed under one domain and delivered to another, so the checked domain and the delivered one
// could differ. RFC 5321 §4.1.2 Mailbox = Local-part "@" Domain, restricted as below.

export type MailboxErrorCode =
  | 'invalid_address'
  | 'empty_local_part'
  | 'invalid_local_part'
  | 'quoted_local_part'
  | 'non_ascii_local_part'
  | 'local_part_too_long'
  | 'address_too_long'
  | 'trailing_dot'
  | 'mixed_script'
  | 'confusable_domain';

export interface MailboxError {
  code: MailboxErrorCode;
  message: string;
}

export type SplitResult = { ok: true; local: string; domain: string } | { ok: false; error: MailboxError };

const fail = (code: MailboxErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

// RFC 5322 atext, minus "%" and "!": legacy source routing ("user%other.example@relay") makes some
// relays forward to the host inside the local part, which we never checked.
const ATEXT = /^[A-Za-z0-9#$&'*+\-/=?^_`{|}~]+$/;

/** RFC 5321 §4.5.3.1: 64 octets of local part; 254 for the whole path less its angle brackets. */
export const MAX_LOCAL_OCTETS = 64;
export const MAX_ADDRESS_OCTETS = 254;

/**
 * Splits a mailbox into a dot-atom local part and a domain (not yet normalised). Quoted local parts
 * are refused: nobody needs one at a package registry, and every quoted form that could hide an "@"
 * or a comma is gone with them. UTF-8 local parts (RFC 6531) are refused too: they need SMTPUTF8 on
 * every hop to the mailbox, which we cannot promise; internationalised domains are fine.
 */
export function splitMailbox(input: string): SplitResult {
  if (input === '') return fail('invalid_address', 'the address is empty');
  if (input.startsWith('"')) return fail('quoted_local_part', 'quoted addresses ("…"@example.com) are not accepted');
  const at = input.indexOf('@');
  if (at < 0) return fail('invalid_address', 'the address has no "@"');
  if (input.indexOf('@', at + 1) >= 0) return fail('invalid_address', 'an address has exactly one "@"');
  const local = input.slice(0, at);
  const domain = input.slice(at + 1);
  if (local === '') return fail('empty_local_part', 'the address has nothing before "@"');
  if (local.includes('"')) return fail('quoted_local_part', 'quoted addresses ("…"@example.com) are not accepted');
  if (/[\s\p{Cc}]/u.test(input)) return fail('invalid_address', 'the address contains white space');
  if (/[^\x21-\x7e]/.test(local))
    return fail('non_ascii_local_part', 'the part before "@" must use Latin letters, digits and . _ - + only');
  if (/[<>(),;:[\]\\]/.test(local))
    return fail(
      'invalid_local_part',
      'the part before "@" contains a character that is not allowed (< > ( ) , ; : [ ] \\)',
    );
  if (/[%!]/.test(local)) return fail('invalid_local_part', 'the part before "@" may not contain "%" or "!"');
  const atoms = local.split('.');
  if (atoms.some((a) => a === ''))
    return fail('invalid_local_part', 'the part before "@" cannot start or end with a dot or have two dots in a row');
  if (!atoms.every((a) => ATEXT.test(a)))
    return fail('invalid_local_part', 'the part before "@" contains a character that is not allowed');
  if (local.length > MAX_LOCAL_OCTETS)
    return fail('local_part_too_long', `the part before "@" has at most ${MAX_LOCAL_OCTETS} characters`);
  if (domain.endsWith('.')) return fail('trailing_dot', 'the domain ends with a dot');
  return { ok: true, local: local.toLowerCase(), domain };
}

/** Checks the normalised address's length in octets (the host is punycode by then: ASCII). */
export function checkAddressLength(address: string): MailboxError | null {
  return Buffer.byteLength(address, 'utf8') > MAX_ADDRESS_OCTETS
    ? { code: 'address_too_long', message: `an address has at most ${MAX_ADDRESS_OCTETS} characters` }
    : null;
}

// Scripts a label's letters are sorted into; Common and Inherited (digits, "-", combining marks) go
// with any. A letter of none of these counts as a script of its own.
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Khmer',
  'Mongolian',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
] as const;
const SCRIPT_RES = SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const);
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

// UTS #39 §5.2 "Highly Restrictive": one script, or Latin with the CJK combinations a Japanese,
// Chinese or Korean name needs.
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

export function labelScripts(label: string): Set<string> {
  const found = new Set<string>();
  for (const ch of label) {
    if (NEUTRAL.test(ch)) continue;
    found.add(SCRIPT_RES.find(([, re]) => re.test(ch))?.[0] ?? `other:${ch.codePointAt(0)}`);
  }
  return found;
}

// Cyrillic letters that look like Latin ones, and the TLDs where an all-Cyrillic name is expected.
// Source: Chromium components/url_formatter/spoof_checks/idn_spoof_checker.cc (cyrillic_letters_latin_alike_,
// and the Cyrillic TLD list it allows whole-script Cyrillic names under).
const CYRILLIC_LATIN_ALIKE = new Set('асԁеһіјӏорԛѕԝхуъЬҽпгѵѡ');
const CYRILLIC_TLDS = new Set([
  'bg',
  'by',
  'kz',
  'pyc',
  'ru',
  'su',
  'ua',
  'uz',
  'xn--p1ai',
  'xn--90ais',
  'xn--j1amh',
  'xn--d1alf',
  'xn--90a3ac',
  'xn--80ao21a',
]);

/**
 * Refuses host names a person would misread as another: a label mixing scripts ("pаypal" with a
 * Cyrillic "а"), or a Latin-looking label spelled entirely in Cyrillic outside Cyrillic TLDs.
 * `asciiHost` is the punycode host from the normaliser.
 */
export function confusableHostProblem(asciiHost: string): MailboxError | null {
  const labels = asciiHost.split('.');
  const tld = labels[labels.length - 1] ?? '';
  for (const alabel of labels) {
    if (!alabel.startsWith('xn--')) continue;
    const label = domainToUnicode(alabel);
    const scripts = [...labelScripts(label)];
    if (scripts.length > 1 && !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s))))
      return {
        code: 'mixed_script',
        message: `the domain mixes letters of different scripts (${scripts.join(', ')}) in "${label}"`,
      };
    const letters = [...label].filter((ch) => !NEUTRAL.test(ch));
    if (scripts[0] === 'Cyrillic' && !CYRILLIC_TLDS.has(tld) && letters.every((ch) => CYRILLIC_LATIN_ALIKE.has(ch)))
      return {
        code: 'confusable_domain',
        message: `the domain "${label}" is spelled in Cyrillic letters that look like Latin ones`,
      };
  }
  return null;
}
