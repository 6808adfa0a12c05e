import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type Passkey, passkeys } from '@/db/schema';
import { type ChallengePurpose, claimedChallenge, consumeChallenge } from './challenges';
import { relyingParty, userHandle } from './relying-party';
import type { AuthenticationResponse } from './schemas';

// One check for every assertion (sign-in with a passkey alone, the second step after a password, a
// step-up): the challenge is this ceremony's and is spent, the credential is registered (to the
// expected account, if one is expected), the signature is over this origin and RP ID with the
// user verified, and the signature counter moved forward.

export type AssertionRefusal =
  | 'challenge' // unknown, expired, spent, or issued to another browser, session or purpose
  | 'unknown_credential'
  | 'wrong_user' // a passkey of another account
  | 'invalid' // signature, origin, RP ID, user verification
  | 'counter_regression'; // the authenticator's counter went backwards: a cloned key

export type AssertionResult =
  | { ok: true; passkey: Passkey }
  | { ok: false; why: AssertionRefusal; passkey?: Passkey; counter?: number };

export async function verifyPasskeyAssertion(
  db: DbOrTx,
  input: {
    response: AuthenticationResponse;
    purpose: ChallengePurpose;
    /** The account that must own the passkey; null for a sign-in with a passkey alone. */
    userId: number | null;
    boundTo: string;
    now: Date;
    /** Defaults to APP_URL's; tests name another to play a look-alike site. */
    rp?: { rpID: string; origin: string };
  },
): Promise<AssertionResult> {
  const { response, now } = input;
  // Spent first, whatever follows: a refused answer cannot be retried with the same challenge.
  const challenge = claimedChallenge(response.response.clientDataJSON);
  const spent = await consumeChallenge(db, {
    challenge,
    purpose: input.purpose,
    userId: input.userId,
    boundTo: input.boundTo,
    now,
  });
  if (!spent) return { ok: false, why: 'challenge' };
  const [passkey] = await db.select().from(passkeys).where(eq(passkeys.credentialId, response.id)).limit(1);
  if (!passkey) return { ok: false, why: 'unknown_credential' };
  const handle = response.response.userHandle;
  const handleOk = !handle || Buffer.from(handle, 'base64url').equals(Buffer.from(userHandle(passkey.userId)));
  if ((input.userId !== null && passkey.userId !== input.userId) || !handleOk)
    return { ok: false, why: 'wrong_user', passkey };
  const rp = input.rp ?? relyingParty();
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: response as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      // The counter rule is ours (below), so a regression is told apart from a bad signature.
      credential: {
        id: passkey.credentialId,
        publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
        counter: 0,
        transports: passkey.transports as never,
      },
      requireUserVerification: input.purpose !== 'second_factor',
    });
    if (!verified.verified) return { ok: false, why: 'invalid', passkey };
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    return { ok: false, why: 'invalid', passkey };
  }
  // Authenticators that keep no counter always send 0 (synced passkeys do); any other value must
  // grow, or two copies of the key exist (WebAuthn §6.1.1).
  if ((newCounter > 0 || passkey.counter > 0) && newCounter <= passkey.counter)
    return { ok: false, why: 'counter_regression', passkey, counter: newCounter };
  const moved = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: now })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning();
  // Another assertion of the same key moved the counter between our read and this write.
  if (moved.length !== 1) return { ok: false, why: 'counter_regression', passkey, counter: newCounter };
  return { ok: true, passkey: moved[0] as Passkey };
}
