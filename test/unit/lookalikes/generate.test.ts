import { describe, expect, it } from 'vitest';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { keyboardNeighbours } from '@/lib/lookalikes/families/keyboard';
import { DEFAULT_LOOKALIKE_TLDS, generateLookalikes, LOOKALIKE_FAMILIES } from '@/lib/lookalikes/generate';
import { registrableLabel, scriptsAcceptable } from '@/lib/lookalikes/unicode';

const ok = (name: string, tlds: readonly string[] = DEFAULT_LOOKALIKE_TLDS) => {
  const result = generateLookalikes({ name, tlds });
  if (!result.ok) throw new Error(result.error.message);
  return result;
};
const domains = (name: string, tlds?: readonly string[]) => ok(name, tlds).candidates.map((c) => c.domain);

describe('generateLookalikes: inputs', () => {
  it('a brand word goes under each configured TLD', () => {
    const result = ok('pypi', ['com', 'net']);
    expect(result.name).toBe('pypi');
    const all = result.candidates.map((c) => c.domain);
    expect(all).toEqual(expect.arrayContaining(['pypi.com', 'pypi.net', 'pypj.com', 'pypj.net', 'xn--p1aai1f.com']));
    expect(all.every((d) => d.endsWith('.com') || d.endsWith('.net'))).toBe(true);
    expect(result.candidates.find((c) => c.domain === 'pypi.com')?.families).toEqual(['tld']);
  });

  it('an IDN domain is edited by letter and keeps its suffix', () => {
    const result = ok('bücher.de');
    expect(result.name).toBe('xn--bcher-kva.de');
    const byDomain = new Map(result.candidates.map((c) => [c.domain, c]));
    expect(byDomain.get('bucher.de')?.families).toContain('idn');
    const byUnicode = new Map(result.candidates.map((c) => [c.unicode, c]));
    expect(byUnicode.get('bücer.de')?.families).toEqual(['omission']);
    expect(byUnicode.get('bücehr.de')?.families).toEqual(['transposition']);
    expect(byDomain.get('xn--bcher-kva.com')?.families).toEqual(['tld']);
    expect(byDomain.has('xn--bcher-kva.de')).toBe(false);
    // The same domain typed in punycode is the same input.
    expect(domains('xn--bcher-kva.de')).toEqual([...byDomain.keys()]);
  });

  it('a subdomain is reduced to its registrable domain', () => {
    const result = ok('files.pythonhosted.org', ['com']);
    expect(result.name).toBe('pythonhosted.org');
    expect(result.candidates.map((c) => c.domain)).toContain('pythonhosted.com');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['192.0.2.1', 'ip_literal'],
    ['[2001:db8::1]', 'ip_literal'],
    ['co.uk', 'public_suffix'],
    ['xn--zz.org', 'invalid_idn'],
    ['123.com', 'no_letters'],
    ['42', 'no_letters'],
    ['ops@pypi.org', 'not_a_domain'],
    ['py_pi.org', 'invalid_character'],
  ])('refuses %j with %s and a message', (name, code) => {
    const result = generateLookalikes({ name, tlds: ['com'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/^[A-Z"].{10,}\.$/);
  });

  it('refuses bad TLD configuration and a brand word with no TLDs, without throwing', () => {
    expect(generateLookalikes({ name: 'pypi', tlds: ['github.io'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_tld' },
    });
    expect(generateLookalikes({ name: 'pypi', tlds: ['c om'] })).toMatchObject({ ok: false });
    expect(generateLookalikes({ name: 'pypi', tlds: [] })).toMatchObject({ ok: false, error: { code: 'no_tlds' } });
    expect(generateLookalikes(null as never)).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(ok('pypi.org', []).candidates.length).toBeGreaterThan(0);
  });
});

describe('generateLookalikes: invariants', () => {
  const inputs = ['pypi.org', 'pypi', 'bücher.de', 'example.co.uk', 'rubygems.org', 'npmjs.com'];

  it.each(inputs)('%s: every candidate is registrable, unique, sorted and not the original', (name) => {
    const result = ok(name);
    const all = result.candidates.map((c) => c.domain);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all).not.toContain(result.name);
    for (const c of result.candidates) {
      const normalised = registrableDomainOf(c.domain);
      expect(normalised.ok, c.domain).toBe(true);
      if (!normalised.ok) continue;
      expect(normalised.registrableDomain).toBe(c.domain);
      expect(normalised.unicodeDomain).toBe(c.unicode);
      expect(c.families.length).toBeGreaterThan(0);
      expect(c.families).toEqual(LOOKALIKE_FAMILIES.filter((f) => c.families.includes(f)));
    }
  });

  it('keeps one letter of another script, or a whole label in one, and nothing in between', () => {
    const all = ok('pypi.org').candidates.map((c) => c.unicode);
    expect(all).toContain('pyp\u0456.org'); // one Cyrillic letter
    expect(all).toContain('\u0440\u0443\u0440\u0456.org'); // all Cyrillic
    const latin = new Set(['Latin']);
    expect(scriptsAcceptable('pyp\u0456', latin)).toBe(true);
    expect(scriptsAcceptable('\u0440\u0443\u0440\u0456', latin)).toBe(true);
    expect(scriptsAcceptable('p\u0443p\u0456', latin)).toBe(false);
    expect(scriptsAcceptable('p\u0443p\u03b9', latin)).toBe(false); // Cyrillic and Greek
    // Scripts the original already mixes are its own.
    expect(scriptsAcceptable('abc\u6f22\u5b57', new Set(['Latin', 'Han']))).toBe(true);
  });

  it('refuses labels a registry would not take', () => {
    expect(registrableLabel('pypi')).toBe(true);
    expect(registrableLabel('py--pi')).toBe(false); // reserved like xn--
    expect(registrableLabel('pyp\u2373')).toBe(false); // APL iota: a symbol
  });

  it('is deterministic', () => {
    expect(generateLookalikes({ name: 'pypi.org', tlds: DEFAULT_LOOKALIKE_TLDS })).toEqual(
      generateLookalikes({ name: 'pypi.org', tlds: DEFAULT_LOOKALIKE_TLDS }),
    );
  });

  it('a candidate from two families lists both', () => {
    const c = ok('pypi.org').candidates.find((x) => x.domain === 'ypi.org');
    expect(c?.families).toEqual(['omission', 'subdomain']);
  });
});

describe('keyboard layouts', () => {
  it('neighbours match the physical keyboards', () => {
    expect(keyboardNeighbours('i')).toEqual(['8', '9', 'j', 'k', 'o', 'u']);
    expect(keyboardNeighbours('a')).toEqual(['1', '2', 'q', 's', 'w', 'y', 'z']); // y: QWERTZ; 1, 2: AZERTY's top-row a
    expect(keyboardNeighbours('m')).toEqual(['j', 'k', 'l', 'n', 'p']); // AZERTY puts m beside l and p
  });
});

describe('DEFAULT_LOOKALIKE_TLDS', () => {
  it('is a short list of registrable TLDs', () => {
    expect(DEFAULT_LOOKALIKE_TLDS.length).toBeGreaterThanOrEqual(15);
    expect(DEFAULT_LOOKALIKE_TLDS.length).toBeLessThanOrEqual(25);
    expect(DEFAULT_LOOKALIKE_TLDS).toEqual(expect.arrayContaining(['com', 'net', 'org']));
  });
});
