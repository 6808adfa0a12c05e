import { hashToken, newToken } from '@/lib/tokens/hash';

// An API token is `gk_` and 32 random bytes in base64url: the prefix lets secret scanners (and people)
// recognise one in a leaked file. Only its SHA-256 is stored, as for link tokens.

export const API_TOKEN_PATTERN = /^gk_[A-Za-z0-9_-]{43}$/;
/** How much of a token the list shows: enough to tell tokens apart, far too little to use one. */
const SHOWN = 'gk_'.length + 6;

export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = `gk_${newToken()}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN) };
}

export const hashApiToken = hashToken;
