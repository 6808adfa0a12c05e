import { randomInt } from 'node:crypto';
import { hashRecoveryCode } from '@/lib/auth/second-factor';

// Ten single-use codes for when the authenticator is lost. 10 characters from a 32-letter alphabet
// without look-alikes (no 0/o, 1/l/i): 50 bits each, far beyond guessing under the login rate limit,
// so the SHA-256 in lib/auth/second-factor.ts is a fitting store.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function generateRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** New codes to show once, and the hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}
