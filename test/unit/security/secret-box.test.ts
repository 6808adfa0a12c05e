import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LEGACY_KID, openWith, sealedKeyId, sealWith } from '@/lib/auth/secret-box';
import { buildRing, DERIVED_KID, derivedKey, generateKey, parseKeyList } from '@/lib/auth/sealing-ring';

const MATERIAL = 'unit-test-auth-secret-0123456789';

/** A value sealed the way secret-box did before the key ring: <iv>.<tag>.<data> under the derived key. */
function legacySeal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(MATERIAL)!, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

describe('secret box with a key ring', () => {
  const k1 = generateKey();
  const k2 = generateKey();
  const ring1 = buildRing([k1], derivedKey(MATERIAL), 'test ring');
  const ring21 = buildRing([k2, k1], derivedKey(MATERIAL), 'test ring');

  it('round-trips, naming the current key in the value', () => {
    const sealed = sealWith(ring1, 'JBSWY3DPEHPK3PXP');
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed.startsWith(`v1.${k1.kid}.`)).toBe(true);
    expect(sealedKeyId(sealed)).toBe(k1.kid);
    expect(openWith(ring1, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(sealWith(ring1, 'same')).not.toBe(sealWith(ring1, 'same'));
  });

  it('opens values of every key in the ring and seals with the first', () => {
    const old = sealWith(ring1, 'old secret');
    expect(openWith(ring21, old)).toBe('old secret');
    expect(sealedKeyId(sealWith(ring21, 'new'))).toBe(k2.kid);
  });

  it('opens the old 3-part format with the key derived from the secret', () => {
    const legacy = legacySeal('a seed from before the ring');
    expect(sealedKeyId(legacy)).toBe(LEGACY_KID);
    expect(openWith(ring21, legacy)).toBe('a seed from before the ring');
  });

  it('seals with the derived key (kid "derived") only when the ring is empty', () => {
    const derivedOnly = buildRing([], derivedKey(MATERIAL), 'test');
    const sealed = sealWith(derivedOnly, 'x');
    expect(sealedKeyId(sealed)).toBe(DERIVED_KID);
    expect(openWith(ring1, sealed)).toBe('x');
    expect(() => buildRing([], null, 'test')).toThrow(/No sealing key/);
  });

  it('says which key is missing for an unknown kid', () => {
    const sealed = sealWith(ring21, 'x');
    const withoutK2 = buildRing([k1], null, 'GK_SEALING_KEYS');
    expect(() => openWith(withoutK2, sealed)).toThrow(
      `sealed with key "${k2.kid}", which is not in the sealing key ring (GK_SEALING_KEYS)`,
    );
    expect(() => openWith(withoutK2, legacySeal('x'))).toThrow(/neither is set/);
  });

  it('refuses a tampered value: data, tag, or a kid swapped for another key of the ring', () => {
    const sealed = sealWith(ring21, 'the real secret');
    const parts = sealed.split('.');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] = (b[0] ?? 0) ^ 1;
      return b.toString('base64url');
    };
    expect(() => openWith(ring21, [...parts.slice(0, 4), flip(parts[4]!)].join('.'))).toThrow(/integrity check/);
    expect(() => openWith(ring21, [...parts.slice(0, 3), flip(parts[3]!), parts[4]].join('.'))).toThrow(
      /integrity check/,
    );
    expect(() => openWith(ring21, ['v1', k1.kid, ...parts.slice(2)].join('.'))).toThrow(/integrity check/);
    expect(() => openWith(ring21, 'v2.x.a.b.c')).toThrow(/Malformed/);
    expect(() => openWith(ring21, 'garbage')).toThrow(/Malformed/);
  });

  it('parses GK_SEALING_KEYS and refuses bad entries in plain words', () => {
    const text = `${k1.kid}:${k1.key.toString('base64')}, ${k2.kid}:${k2.key.toString('base64url')}`;
    expect(parseKeyList(text, 'GK_SEALING_KEYS').map((k) => k.kid)).toEqual([k1.kid, k2.kid]);
    expect(() => parseKeyList('k1:c2hvcnQ', 'GK_SEALING_KEYS')).toThrow(/must be 32 bytes/);
    expect(() => parseKeyList(`a b:${k1.key.toString('base64')}`, 'GK_SEALING_KEYS')).toThrow(/kid:base64key/);
    expect(() => parseKeyList(`${DERIVED_KID}:${k1.key.toString('base64')}`, 'GK_SEALING_KEYS')).toThrow(
      /not "derived"/,
    );
    expect(() =>
      parseKeyList(`${k1.kid}:${k1.key.toString('base64')},${k1.kid}:${k2.key.toString('base64')}`, 'X'),
    ).toThrow(/appears twice/);
  });
});
