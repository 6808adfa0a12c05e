import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { passkeys } from '@/db/schema';
import { CEREMONY_TIMEOUT_MS, type ChallengePurpose, storeChallenge } from './challenges';
import { relyingParty } from './relying-party';

export type AssertionOptions = Awaited<ReturnType<typeof generateAuthenticationOptions>>;

/**
 * The options for navigator.credentials.get(), with their challenge stored for this ceremony: for
 * an account, only its own passkeys are asked for (null when it has none); without one (a sign-in with
 * a passkey alone), the authenticator offers those it holds for this site.
 */
interface Ceremony {
  purpose: Exclude<ChallengePurpose, 'register'>;
  boundTo: string;
  userVerification: 'required' | 'preferred';
  now: Date;
}
export async function assertionOptions(db: DbOrTx, ceremony: Ceremony & { userId: null }): Promise<AssertionOptions>;
export async function assertionOptions(
  db: DbOrTx,
  ceremony: Ceremony & { userId: number },
): Promise<AssertionOptions | null>;
export async function assertionOptions(
  db: DbOrTx,
  ceremony: Ceremony & { userId: number | null },
): Promise<AssertionOptions | null> {
  let allowCredentials: { id: string; transports?: never }[] | undefined;
  if (ceremony.userId !== null) {
    const keys = await db
      .select({ id: passkeys.credentialId, transports: passkeys.transports })
      .from(passkeys)
      .where(eq(passkeys.userId, ceremony.userId));
    if (keys.length === 0) return null;
    allowCredentials = keys.map((k) => ({ id: k.id, transports: k.transports as never }));
  }
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: ceremony.userVerification,
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials,
  });
  await storeChallenge(db, { challenge: options.challenge, ...ceremony });
  return options;
}
