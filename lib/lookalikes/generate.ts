import { labelScripts } from '@/lib/domains/mailbox';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { bitflip, hyphenation, omission, repetition, subdomain, transposition, vowelSwap } from './families/edits';
import { homoglyph } from './families/homoglyph';
import { idn } from './families/idn';
import { keyboard } from './families/keyboard';
import { normaliseTlds, tldHosts } from './families/tld';
import { LOOKALIKE_FAMILIES, type LookalikeFamily } from './families/names';
import { parseTarget } from './input';
import { registrableLabel, scriptsAcceptable } from './unicode';

export { DEFAULT_LOOKALIKE_TLDS } from './families/tld';
export { LOOKALIKE_FAMILIES, type LookalikeFamily } from './families/names';

export interface LookalikeCandidate {
  /** Registrable domain, lower-case punycode ("xn--pyp-…org"). */
  domain: string;
  /** The same domain in Unicode, for display. */
  unicode: string;
  /** Every family that produced it, in LOOKALIKE_FAMILIES order. */
  families: LookalikeFamily[];
}

export type GenerateResult =
  | {
      ok: true;
      /** The input normalised: its registrable domain in punycode, or the brand word lower-cased. */
      name: string;
      /** Sorted by `domain` (code-unit order, so the same on every machine and locale). */
      candidates: LookalikeCandidate[];
    }
  | { ok: false; error: { code: string; message: string } };

const LABEL_FAMILIES: readonly (readonly [LookalikeFamily, (label: string) => Set<string>])[] = [
  ['omission', omission],
  ['repetition', repetition],
  ['transposition', transposition],
  ['keyboard', keyboard],
  ['bitflip', bitflip],
  ['homoglyph', homoglyph],
  ['hyphenation', hyphenation],
  ['subdomain', subdomain],
  ['vowel_swap', vowelSwap],
  ['idn', idn],
];

/**
 * Look-alike (typosquat and homoglyph) domains for a domain or a brand word. Every candidate is a
 * registrable domain as the product's normaliser sees it, never the input itself. Never throws.
 */
export function generateLookalikes(input: { name: string; tlds: readonly string[] }): GenerateResult {
  const parsed = parseTarget(input?.name);
  if (!parsed.ok) return parsed;
  const { target } = parsed;
  const tlds = normaliseTlds(Array.isArray(input?.tlds) ? input.tlds : []);
  if (!tlds.ok) return { ok: false, error: { code: 'invalid_tld', message: tlds.message } };
  if (target.kind === 'word' && tlds.tlds.length === 0)
    return { ok: false, error: { code: 'no_tlds', message: 'A brand word needs at least one TLD to try it under.' } };

  // A domain's look-alikes keep its suffix; a brand word's go under every configured TLD.
  const suffixes = target.suffix === null ? tlds.tlds : [target.suffix];
  const hosts: [string, LookalikeFamily][] = [];
  for (const [family, generate] of LABEL_FAMILIES) {
    for (const variant of generate(target.label)) {
      if (variant === target.label || variant === '') continue;
      for (const suffix of suffixes) hosts.push([`${variant}.${suffix}`, family]);
    }
  }
  for (const host of tldHosts(target.label, target.suffix, tlds.tlds)) hosts.push([host, 'tld']);

  const originalScripts = labelScripts(target.label);
  const found = new Map<string, { unicode: string; families: Set<LookalikeFamily> }>();
  for (const [host, family] of hosts) {
    const normalised = registrableDomainOf(host);
    if (!normalised.ok) continue;
    const { registrableDomain: domain, unicodeDomain: unicode } = normalised;
    if (target.kind === 'domain' && domain === target.name) continue;
    const label = unicode.slice(0, unicode.indexOf('.'));
    if (!registrableLabel(label) || !scriptsAcceptable(label, originalScripts)) continue;
    const entry = found.get(domain) ?? { unicode, families: new Set<LookalikeFamily>() };
    entry.families.add(family);
    found.set(domain, entry);
  }

  const candidates = [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([domain, { unicode, families }]) => ({
      domain,
      unicode,
      families: LOOKALIKE_FAMILIES.filter((f) => families.has(f)),
    }));
  return { ok: true, name: target.name, candidates };
}
