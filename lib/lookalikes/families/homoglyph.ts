import { unicodeAlikes } from '../unicode';

// Look-alikes that stay in ASCII, so every registry accepts them: the confusions a reader makes in
// a sans-serif font or a small one ("pyp1", "rnicrosoft", "vvikipedia"). These are the pairs
// dnstwist ships that are shape confusions; its digit-for-digit pairs ("3"/"8") are left out as
// they rarely appear in names worth squatting.
const ASCII_ALIKES: Record<string, readonly string[]> = {
  '0': ['o'],
  '1': ['l', 'i'],
  '5': ['s'],
  b: ['lb'],
  c: ['e'],
  cl: ['d'],
  d: ['cl'],
  e: ['c'],
  g: ['q'],
  h: ['lh'],
  i: ['1', 'l'],
  k: ['lc'],
  l: ['1', 'i'],
  m: ['rn', 'nn'],
  n: ['r'],
  nn: ['m'],
  o: ['0'],
  q: ['g'],
  rn: ['m'],
  s: ['5'],
  u: ['v'],
  v: ['u'],
  vv: ['w'],
  w: ['vv'],
};

/**
 * One substitution per candidate. Substituting twice ("g00gle") grows with the square of the label
 * length and, for a brand word, again per TLD; the look-alikes seen in attacks on package
 * registries ("pypj", "pyp1", "pypі") are single substitutions.
 */
export function homoglyph(label: string): Set<string> {
  const c = Array.from(label);
  const out = new Set<string>();
  const swap = (i: number, width: number, by: string) =>
    out.add([...c.slice(0, i), by, ...c.slice(i + width)].join(''));
  for (let i = 0; i < c.length; i++) {
    for (const width of [1, 2]) {
      if (i + width > c.length) continue;
      for (const by of ASCII_ALIKES[c.slice(i, i + width).join('')] ?? []) swap(i, width, by);
    }
    // Unicode's confusables for this character: a single letter of another script or an unusual
    // Latin letter ("pypі" with Cyrillic і). Whether the mixed-script result survives is decided
    // once for all families in generate.ts.
    for (const by of /^[a-z0-9]$/.test(c[i]!) ? unicodeAlikes(c[i]!) : []) swap(i, 1, by);
  }
  return out;
}
