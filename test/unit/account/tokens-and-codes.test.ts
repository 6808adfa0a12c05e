import { describe, expect, it } from 'vitest';
import { hashRecoveryCode } from '@/lib/auth/second-factor';
import { generateRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from '@/lib/twofactor/recovery-codes';
import { hashToken, newToken, TOKEN_PATTERN } from '@/lib/tokens/hash';

describe('link tokens', () => {
  it('are 32 random bytes in base64url, never repeated', () => {
    const tokens = Array.from({ length: 500 }, newToken);
    for (const t of tokens) {
      expect(t).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as a SHA-256 that does not contain the token', () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
    expect(hashToken(newToken())).not.toBe(hash);
  });
});

describe('recovery codes', () => {
  it('come as ten distinct codes of two groups of five, without look-alike characters', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(hashes).toEqual(codes.map(hashRecoveryCode));
  });

  it('match however the user types them (case, spaces, no dash), and only themselves', () => {
    const code = generateRecoveryCode();
    const stored = hashRecoveryCode(code);
    expect(hashRecoveryCode(code.toUpperCase())).toBe(stored);
    expect(hashRecoveryCode(code.replace('-', ''))).toBe(stored);
    expect(hashRecoveryCode(` ${code.replace('-', ' ')} `)).toBe(stored);
    expect(hashRecoveryCode(generateRecoveryCode())).not.toBe(stored);
  });
});
