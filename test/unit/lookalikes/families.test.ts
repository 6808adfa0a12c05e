import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOOKALIKE_TLDS,
  generateLookalikes,
  LOOKALIKE_FAMILIES,
  type LookalikeCandidate,
  type LookalikeFamily,
} from '@/lib/lookalikes/generate';

// One block per family, on pypi.org with the default TLDs: concrete names each family must produce.

function candidatesFor(name: string, tlds: readonly string[] = DEFAULT_LOOKALIKE_TLDS): LookalikeCandidate[] {
  const result = generateLookalikes({ name, tlds });
  if (!result.ok) throw new Error(result.error.message);
  return result.candidates;
}

const pypi = candidatesFor('pypi.org');
const family = (f: LookalikeFamily) => pypi.filter((c) => c.families.includes(f)).map((c) => c.domain);

describe('look-alike families for pypi.org', () => {
  it('omission drops one character', () => {
    expect(family('omission')).toEqual(['ppi.org', 'pyi.org', 'pyp.org', 'ypi.org']);
  });

  it('repetition doubles one character', () => {
    expect(family('repetition')).toEqual(['ppypi.org', 'pypii.org', 'pyppi.org', 'pyypi.org']);
  });

  it('transposition swaps adjacent characters', () => {
    expect(family('transposition')).toEqual(['ppyi.org', 'pyip.org', 'yppi.org']);
  });

  it('keyboard includes pypj.org, the June 2025 phishing domain (j is next to i)', () => {
    expect(family('keyboard')).toEqual(expect.arrayContaining(['pypj.org', 'pypu.org', 'pypo.org', 'pypk.org']));
    // QWERTZ has y on the bottom row beside a and s; AZERTY has m beside p.
    expect(family('keyboard')).toEqual(expect.arrayContaining(['papi.org', 'pspi.org', 'mypi.org']));
    expect(family('keyboard')).not.toContain('pypq.org');
  });

  it('bitflip results are one bit away and only letters, digits and hyphens', () => {
    const flips = family('bitflip');
    expect(flips).toEqual(expect.arrayContaining(['pypy.org', 'qypi.org', 'pypa.org']));
    for (const domain of flips) {
      expect(domain).toMatch(/^[a-z0-9-]+\.org$/);
      const label = domain.slice(0, -'.org'.length);
      const diff = [...label].map((ch, i) => ch.charCodeAt(0) ^ 'pypi'.charCodeAt(i)).filter((x) => x !== 0);
      expect(diff).toHaveLength(1);
      expect(diff[0]! & (diff[0]! - 1)).toBe(0);
    }
  });

  it('homoglyph has ASCII alikes and Unicode confusables as punycode', () => {
    const glyphs = family('homoglyph');
    expect(glyphs).toEqual(expect.arrayContaining(['pyp1.org', 'pypl.org']));
    // pypі.org with Cyrillic і (U+0456), from Unicode's confusables.txt.
    expect(glyphs).toContain('xn--pyp-lhd.org');
    expect(pypi.find((c) => c.domain === 'xn--pyp-lhd.org')?.unicode).toBe('pyp\u0456.org');
  });

  it('homoglyph multi-letter alikes: rn ↔ m, vv ↔ w, cl ↔ d', () => {
    const glyphsOf = (name: string) =>
      candidatesFor(name)
        .filter((c) => c.families.includes('homoglyph'))
        .map((c) => c.domain);
    expect(glyphsOf('modern.org')).toEqual(expect.arrayContaining(['rnodern.org', 'modem.org', 'moclern.org']));
    expect(glyphsOf('wave.org')).toContain('vvave.org');
    expect(glyphsOf('clue.org')).toContain('due.org');
  });

  it('hyphenation inserts a hyphen between characters', () => {
    expect(family('hyphenation')).toEqual(['p-ypi.org', 'py-pi.org', 'pyp-i.org']);
  });

  it('subdomain keeps the registrable domain of the dotted name (py.pi.org → pi.org)', () => {
    expect(family('subdomain')).toEqual(['i.org', 'pi.org', 'ypi.org']);
  });

  it('vowel_swap replaces a vowel by another', () => {
    expect(family('vowel_swap')).toEqual(['pypa.org', 'pype.org', 'pypo.org', 'pypu.org']);
  });

  it('tld puts the label under every configured TLD and changes the suffix', () => {
    const tlds = family('tld');
    expect(tlds).toEqual(expect.arrayContaining(['pypi.com', 'pypi.net', 'pypi.io', 'pypiorg.com', 'pypi-org.com']));
    expect(tlds).not.toContain('pypi.org');
  });

  it('tld on a two-level suffix drops or runs in a level', () => {
    const tlds = candidatesFor('example.co.uk')
      .filter((c) => c.families.includes('tld'))
      .map((c) => c.domain);
    expect(tlds).toEqual(expect.arrayContaining(['example.uk', 'example.co', 'exampleco.uk', 'example.com']));
  });

  it('idn respells the whole label in Cyrillic and adds Latin diacritics', () => {
    const forms = family('idn');
    expect(forms).toContain('xn--p1aai1f.org');
    expect(pypi.find((c) => c.domain === 'xn--p1aai1f.org')?.unicode).toBe('\u0440\u0443\u0440\u0456.org');
    expect(forms).toContain('xn--pyp-tma.org'); // pypí.org
  });

  it('every family yields candidates for pypi.org with the default TLDs', () => {
    const counts = Object.fromEntries(LOOKALIKE_FAMILIES.map((f) => [f, family(f).length]));
    for (const f of LOOKALIKE_FAMILIES) expect(counts[f], f).toBeGreaterThan(0);
  });
});
