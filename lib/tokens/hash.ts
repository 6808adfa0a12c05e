import { createHash, randomBytes } from 'node:crypto';

// A link token is 32 random bytes (256 bits), base64url in the link. Only its SHA-256 is stored:
// the token has full entropy, so a slow hash adds nothing, and a database copy holds no working link.

export const TOKEN_BYTES = 32;
/** 32 bytes in base64url, unpadded. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
