// Single-edit typos of a label, after dnstwist's fuzzers (github.com/elceef/dnstwist). Labels are
// handled as arrays of code points so an IDN label ("bücher") is edited letter by letter, not by
// UTF-16 unit.

const chars = (label: string): string[] => Array.from(label);

export function omission(label: string): Set<string> {
  const c = chars(label);
  return new Set(c.map((_, i) => [...c.slice(0, i), ...c.slice(i + 1)].join('')));
}

export function repetition(label: string): Set<string> {
  const c = chars(label);
  return new Set(c.map((ch, i) => [...c.slice(0, i), ch, ...c.slice(i)].join('')));
}

export function transposition(label: string): Set<string> {
  const c = chars(label);
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add([...c.slice(0, i), c[i + 1], c[i], ...c.slice(i + 2)].join(''));
  return out;
}

export function hyphenation(label: string): Set<string> {
  const c = chars(label);
  const out = new Set<string>();
  for (let i = 1; i < c.length; i++) {
    // Next to an existing hyphen the result is "--", which registries reserve at positions 3–4 and
    // which is a different typo (a doubled hyphen is repetition's).
    if (c[i - 1] === '-' || c[i] === '-') continue;
    out.add([...c.slice(0, i), '-', ...c.slice(i)].join(''));
  }
  return out;
}

/**
 * A dot slipped into the label: "py.pi" read as "py.pi.org", whose registrable domain "pi.org" is
 * what someone would buy. Returns the dotted label; the caller reduces it to the registrable domain.
 */
export function subdomain(label: string): Set<string> {
  const c = chars(label);
  const out = new Set<string>();
  for (let i = 1; i < c.length; i++) {
    if (c[i - 1] === '-' || c[i] === '-') continue;
    out.add([...c.slice(0, i), '.', ...c.slice(i)].join(''));
  }
  return out;
}

const VOWELS = ['a', 'e', 'i', 'o', 'u'];

export function vowelSwap(label: string): Set<string> {
  const c = chars(label);
  const out = new Set<string>();
  c.forEach((ch, i) => {
    if (!VOWELS.includes(ch)) return;
    for (const v of VOWELS) if (v !== ch) out.add([...c.slice(0, i), v, ...c.slice(i + 1)].join(''));
  });
  return out;
}

// Bit errors in memory or on the wire turn one byte into another (Dinaburg, "Bitsquatting", 2011);
// only results that are still host-name characters can be registered.
const LDH = /^[a-z0-9-]$/;

export function bitflip(label: string): Set<string> {
  const c = chars(label);
  const out = new Set<string>();
  c.forEach((ch, i) => {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code > 0x7f) return;
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(code ^ (1 << bit));
      if (LDH.test(flipped)) out.add([...c.slice(0, i), flipped, ...c.slice(i + 1)].join(''));
    }
  });
  return out;
}
