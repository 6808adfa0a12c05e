import { appBaseUrl, readEnv } from '@/lib/env';

// The relying party is the site as the browser sees it: APP_URL's host is the RP ID a passkey is
// bound to, and its origin the only one an assertion may come from. A look-alike site (another
// host) can neither ask for nor replay an assertion for this one.

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origin: string;
}

export function relyingParty(env = readEnv()): RelyingParty {
  const url = new URL(appBaseUrl(env));
  return { rpID: url.hostname, rpName: 'Gravekeeper', origin: url.origin };
}

/** The WebAuthn user handle: the account's id, opaque to the authenticator and free of personal data. */
export const userHandle = (userId: number) => new TextEncoder().encode(String(userId));
