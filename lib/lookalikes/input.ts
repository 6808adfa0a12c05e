import { registrableDomainOf } from '@/lib/domains/normalize';

/** What is being imitated: a registrable domain, or a bare brand word to try under every TLD. */
export type LookalikeTarget =
  | { kind: 'domain'; name: string; label: string; suffix: string }
  | { kind: 'word'; name: string; label: string; suffix: null };

export type TargetResult =
  | { ok: true; target: LookalikeTarget }
  | { ok: false; error: { code: string; message: string } };

const fail = (code: string, message: string): TargetResult => ({ ok: false, error: { code, message } });

/**
 * `pypi.org` → label "pypi" under "org"; `files.pythonhosted.org` → "pythonhosted" (a subdomain is
 * the owner's to give out, so only the registrable label can be squatted); `example.co.uk` →
 * "example" under "co.uk"; `pypi` → the word itself. Labels come back in Unicode ("bücher") so the
 * families edit letters, not punycode.
 */
export function parseTarget(input: unknown): TargetResult {
  if (typeof input !== 'string' || input.trim() === '')
    return fail('empty', 'Enter a domain (such as pypi.org) or a brand word (such as pypi).');
  const name = input.trim();
  if (name.includes('@'))
    return fail('not_a_domain', 'That is an e-mail address; enter only its domain, the part after "@".');
  if (name.includes(':') || name.startsWith('['))
    return fail('ip_literal', 'An IP address has no look-alike domains; enter a domain name.');
  const bare = name.replace(/\.$/, '');
  const isWord = !bare.includes('.');
  // A brand word is checked as the label it will become, under a TLD that takes any valid label.
  const checked = registrableDomainOf(isWord ? `${bare}.com` : name);
  if (!checked.ok) {
    const { code, message } = checked.error;
    if (code === 'ip_literal') return fail(code, 'An IP address has no look-alike domains; enter a domain name.');
    if (code === 'public_suffix')
      return fail(
        code,
        `"${name}" is a public suffix (like com or co.uk) that nobody registers; enter a domain under it.`,
      );
    if (code === 'invalid_idn') return fail(code, `"${name}" is not a valid internationalised domain name.`);
    return fail(code, `"${name}" cannot be watched: ${message}.`);
  }
  const { registrableDomain: registrable, unicodeDomain } = checked;
  // Sliced from the decoded domain: Node decodes a lone all-digit label as an IPv4 address.
  const label = unicodeDomain.slice(0, unicodeDomain.indexOf('.'));
  if (!/\p{L}/u.test(label))
    return fail('no_letters', `"${label}" has no letters, so it has no look-alikes worth watching.`);
  if (isWord) return { ok: true, target: { kind: 'word', name: label, label, suffix: null } };
  return {
    ok: true,
    target: { kind: 'domain', name: registrable, label, suffix: registrable.slice(registrable.indexOf('.') + 1) },
  };
}
