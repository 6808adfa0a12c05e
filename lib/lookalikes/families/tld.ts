import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

/**
 * The TLDs a look-alike is tried under when none are configured. Chosen for where squatters
 * register, not for breadth (each TLD multiplies a brand word's candidates):
 *  - com, net, org: the legacy gTLDs most typosquats sit under, and where registries' own sites do;
 *  - io, co, dev, app: developer-facing names a registry user would take as plausible;
 *  - info, biz, xyz, top, online, site, shop, club, icu: cheap new gTLDs that lead phishing-abuse
 *    league tables (Interisle's Phishing Landscape, Spamhaus' most-abused TLDs);
 *  - cc, me, us, pro: ccTLDs and gTLDs marketed as generic, cheap, with lax registration checks.
 */
export const DEFAULT_LOOKALIKE_TLDS: readonly string[] = Object.freeze([
  'com',
  'net',
  'org',
  'io',
  'co',
  'dev',
  'app',
  'info',
  'biz',
  'xyz',
  'top',
  'online',
  'site',
  'shop',
  'club',
  'icu',
  'cc',
  'me',
  'us',
  'pro',
]);

export type TldsResult = { ok: true; tlds: string[] } | { ok: false; message: string };

/**
 * Configured TLDs, lower-case punycode, duplicates dropped, order kept. Each must be a public
 * suffix in the ICANN section (what a registry sells under), so a typo in configuration fails
 * loudly instead of producing names nobody can register.
 */
export function normaliseTlds(tlds: readonly unknown[]): TldsResult {
  const out: string[] = [];
  for (const entry of tlds) {
    const raw = typeof entry === 'string' ? entry.trim().replace(/^\./, '') : '';
    const ascii = raw === '' || /[^\p{L}\p{M}\p{N}.-]/u.test(raw) ? '' : domainToASCII(raw);
    const parsed = ascii === '' ? null : parse(`x.${ascii}`, { allowPrivateDomains: false });
    if (!parsed || parsed.publicSuffix !== ascii || parsed.isIcann !== true)
      return {
        ok: false,
        message: `"${String(entry)}" is not a top-level domain or public suffix that can be registered under.`,
      };
    if (!out.includes(ascii)) out.push(ascii);
  }
  return { ok: true, tlds: out };
}

/**
 * The label under every configured TLD, and, for a domain, its own suffix changed or run into the
 * label as dnstwist's "various" fuzzer does: "pypi.org" → "pypiorg.com", "pypi-org.com";
 * "example.co.uk" → "example.uk", "example.co", "exampleco.uk".
 */
export function tldHosts(label: string, suffix: string | null, tlds: readonly string[]): Set<string> {
  const out = new Set(tlds.map((tld) => `${label}.${tld}`));
  if (suffix === null) return out;
  const parts = suffix.split('.');
  if (parts.length > 1) {
    out.add(`${label}.${parts[parts.length - 1]}`);
    out.add(`${label}.${parts[0]}`);
    out.add(`${label}${parts[0]}.${parts.slice(1).join('.')}`);
  } else if (suffix !== 'com') {
    out.add(`${label}.com`);
    out.add(`${label}${suffix}.com`);
    out.add(`${label}-${suffix}.com`);
  }
  return out;
}
