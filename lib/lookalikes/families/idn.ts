import { DIACRITIC_FORMS, diacriticBase, SCRIPT_ALPHABETS } from '../unicode';

/**
 * Internationalised forms that need no mixing of scripts, so registries that refuse mixed labels
 * still sell them and browsers that flag mixed labels still show them in Unicode:
 *  - the whole label respelt in one other script when every letter has a look-alike there
 *    ("pypi" → Cyrillic "рурі"; the 2017 "аррӏе.com" attack), digits and hyphens kept;
 *  - one Latin letter given a diacritic ("pypí"), or one diacritic dropped or changed
 *    ("bücher" → "bucher", "bűcher"), which is what a reader skims over.
 */
export function idn(label: string): Set<string> {
  const c = Array.from(label);
  const out = new Set<string>();

  for (const alphabet of SCRIPT_ALPHABETS.values()) {
    const respelt = c.map((ch) => (/[a-z]/.test(ch) ? alphabet.get(ch) : /[0-9-]/.test(ch) ? ch : undefined));
    if (respelt.every((ch) => ch !== undefined) && c.some((ch) => /[a-z]/.test(ch))) out.add(respelt.join(''));
  }

  c.forEach((ch, i) => {
    const base = /^[a-z]$/.test(ch) ? ch : diacriticBase(ch);
    if (base === null) return;
    const forms = [base, ...(DIACRITIC_FORMS.get(base) ?? [])];
    for (const form of forms) if (form !== ch) out.add([...c.slice(0, i), form, ...c.slice(i + 1)].join(''));
  });
  return out;
}
