import { domainToASCII, domainToUnicode } from 'node:url';
import { getDomain, parse } from 'tldts';
import { checkAddressLength, confusableHostProblem, type MailboxErrorCode, splitMailbox } from './mailbox';

// Turns an e-mail address (or a host) into the domain whose registration decides who can read its
// mail. Returns a typed result and never throws: addresses are user input.

export type NormalizeErrorCode =
  | MailboxErrorCode // the mailbox grammar (lib/domains/mailbox.ts)
  | 'empty'
  | 'invalid_character' // ASCII outside letters, digits, '-' and '.' (e.g. '_', '%', '/', ' ')
  | 'invalid_idn' // UTS #46 rejects it, or an `xn--` label is not valid punycode
  | 'ip_literal'
  | 'empty_label' // "a..com", ".com"
  | 'invalid_label' // a label starting or ending with '-'
  | 'label_too_long' // > 63 octets
  | 'name_too_long' // > 253 octets
  | 'no_dot'
  | 'public_suffix';

export interface NormalizeError {
  code: NormalizeErrorCode;
  message: string;
}

export interface NormalizedHost {
  /** The full host, lower-case punycode, no trailing dot ("mail.xn--bcher-kva.de"). */
  host: string;
  /** Registrable domain under the ICANN section of the Public Suffix List, punycode ("xn--bcher-kva.de"). */
  registrableDomain: string;
  /** The same registrable domain in Unicode, for display ("bücher.de"). */
  unicodeDomain: string;
}

export type NormalizeResult<T> = ({ ok: true } & T) | { ok: false; error: NormalizeError };
export type NormalizedEmail = NormalizedHost & { address: string };

const fail = (code: NormalizeErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

// Only letters, digits, '-' and '.' may be ASCII in a host. Node's domainToASCII follows the WHATWG URL
// host parser, which percent-decodes first ("a%41.com" → "aa.com") and allows '_': both would let two
// different strings name one domain.
const BAD_ASCII = /[^A-Za-z0-9.\-\u0080-\uffff]/;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Lower-cases and IDN-encodes a host (UTS #46, non-transitional), checking DNS length and LDH rules. */
function toAsciiHost(input: string): NormalizeResult<{ host: string }> {
  if (input === '') return fail('empty', 'the domain is empty');
  if (input.startsWith('[')) return fail('ip_literal', 'an IP address literal has no domain to watch');
  if (BAD_ASCII.test(input))
    return fail('invalid_character', 'the domain contains a character not allowed in host names');
  // UTS #46 since 15.1 maps capital sharp s (U+1E9E) to ß; Node 20's ICU still maps it to "ss".
  const ascii = domainToASCII(input.replace(/\u1e9e/g, '\u00df'));
  if (ascii === '') return fail('invalid_idn', 'the domain is not a valid internationalised name');
  const host = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  if (host === '') return fail('empty', 'the domain is empty');
  if (parse(host).isIp) return fail('ip_literal', 'an IP address has no domain to watch');
  const labels = host.split('.');
  for (const label of labels) {
    if (label === '') return fail('empty_label', 'the domain has an empty label');
    if (label.length > 63) return fail('label_too_long', 'a label of the domain is longer than 63 characters');
    // WHATWG skips UTS #46's hyphen checks, so "xn--unicode-" decodes to plain "unicode": an A-label
    // must survive the round trip to stay one name.
    if (label.startsWith('xn--') && domainToASCII(domainToUnicode(label)) !== label) {
      return fail('invalid_idn', 'a label of the domain is not valid punycode');
    }
    if (!LDH_LABEL.test(label)) return fail('invalid_label', 'a label of the domain starts or ends with a hyphen');
  }
  if (host.length > 253) return fail('name_too_long', 'the domain is longer than 253 characters');
  return { ok: true, host };
}

function registrable(host: string): NormalizeResult<NormalizedHost> {
  if (!host.includes('.')) return fail('no_dot', 'the domain has no dot');
  // ICANN section only: under a private suffix (github.io, uk.com) the name that can lapse at a
  // registry is the suffix owner's domain; the private registry's own names have no RDAP to watch.
  const registrableDomain = getDomain(host, { allowPrivateDomains: false, extractHostname: false });
  if (registrableDomain === null) return fail('public_suffix', 'the domain is a public suffix, not a registrable name');
  return { ok: true, host, registrableDomain, unicodeDomain: domainToUnicode(registrableDomain) };
}

/** The mailbox grammar, then the host: one mailbox, normalised, at a domain a person reads as it is. */
function mailbox(input: string): NormalizeResult<{ address: string; host: string }> {
  const parts = splitMailbox(input.trim());
  if (!parts.ok) return parts;
  const ascii = toAsciiHost(parts.domain);
  if (!ascii.ok) return ascii;
  const confusable = confusableHostProblem(ascii.host);
  if (confusable) return { ok: false, error: confusable };
  const address = `${parts.local}@${ascii.host}`;
  const tooLong = checkAddressLength(address);
  if (tooLong) return { ok: false, error: tooLong };
  return { ok: true, address, host: ascii.host };
}

/** `Ops@Mail.Example.co.uk` → address `ops@mail.example.co.uk`, registrable domain `example.co.uk`. */
export function normalizeEmailDomain(input: string): NormalizeResult<NormalizedEmail> {
  if (typeof input !== 'string') return fail('invalid_address', 'the address is not a string');
  const box = mailbox(input);
  if (!box.ok) return box;
  const domain = registrable(box.host);
  if (!domain.ok) return domain;
  const { ok, ...rest } = domain;
  return { ok, address: box.address, ...rest };
}

/** Accepts an address or a bare host; `address` is null for a host. */
export function registrableDomainOf(hostOrEmail: string): NormalizeResult<NormalizedHost & { address: string | null }> {
  if (typeof hostOrEmail !== 'string') return fail('invalid_address', 'the input is not a string');
  const input = hostOrEmail.trim();
  if (input.includes('@')) return normalizeEmailDomain(input);
  const ascii = toAsciiHost(input);
  if (!ascii.ok) return ascii;
  const domain = registrable(ascii.host);
  return domain.ok ? { ...domain, address: null } : domain;
}

/**
 * The address in the form used for comparison and storage: lower-case local part, punycode host.
 * Null when there is no valid DNS host to normalise (the registrable-domain rules are not applied:
 * `root@localhost` normalises, it just cannot be watched).
 */
export function normalizeAddress(email: string): string | null {
  if (typeof email !== 'string') return null;
  const box = mailbox(email);
  return box.ok ? box.address : null;
}
