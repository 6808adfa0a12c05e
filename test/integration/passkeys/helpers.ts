import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { Db } from '@/db/connect';
import type { UserActor } from '@/lib/auth/session';
import { bindingHash, newBinding } from '@/lib/auth/sign-in-ticket';
import { recordSignInProof } from '@/lib/auth/step-up';
import { storeChallenge } from '@/lib/passkeys/challenges';
import { registerPasskey, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { relyingParty, userHandle } from '@/lib/passkeys/relying-party';
import { passkeySignInOptions } from '@/lib/passkeys/sign-in-options';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { makeUser, signedIn } from '../account/fixtures';

// A user with a passkey registered through the product's own ceremony (options → authenticator →
// verify), and the sign-in options a browser would fetch before each assertion.

export const rp = () => {
  const { rpID, origin } = relyingParty();
  return { rpId: rpID, origin };
};

/**
 * A user who added a passkey, and `actor`: a session of theirs signed in since with it (a sign-in
 * that passed the second factor, as at /login), so changes to the factor itself are allowed.
 */
export async function userWithPasskey(db: Db, name = 'Laptop') {
  const first = await signedIn(db, await makeUser(db));
  const key = new SoftAuthenticator(userHandle(first.id));
  const result = await addPasskey(db, first, key, name);
  const actor = await signedInWithFactor(db, first);
  return { actor, key, ...result };
}

/** A session whose sign-in passed the account's second factor (its first proof counts as one). */
export async function signedInWithFactor(db: Db, user: UserActor): Promise<UserActor> {
  const sessionId = crypto.randomUUID();
  await recordSignInProof(db, { sessionId, userId: user.id, now: new Date(), secondFactor: true });
  return { ...user, session: { id: sessionId } };
}

export async function addPasskey(db: Db, actor: UserActor, key: SoftAuthenticator, name = 'Laptop') {
  const now = new Date();
  const { options } = await db.transaction((tx) => startPasskeyRegistration({ ctx: { tx, actor, now }, input: {} }));
  const response = key.register({ challenge: options.challenge, ...rp() });
  return db.transaction((tx) => registerPasskey({ ctx: { tx, actor, now }, input: { name, response } }));
}

/** A browser at the sign-in page: its binding cookie, and the options it fetched (alone, or with a ticket). */
export async function signInOptions(db: Db, options: { ticket?: string; binding?: string; ip?: string } = {}) {
  const binding = options.binding ?? newBinding();
  const result = await passkeySignInOptions(db, {
    binding,
    ip: options.ip ?? '10.9.0.1',
    ticket: options.ticket,
    now: new Date(),
  });
  if (!result.ok) throw new Error(`no options: ${result.reason}`);
  return { binding, challenge: result.options.challenge };
}

/** A challenge as a look-alike site would have its own server issue it, stored for this browser. */
export async function storedChallenge(db: Db, binding: string) {
  const { challenge } = await generateAuthenticationOptions({ rpID: rp().rpId });
  await storeChallenge(db, {
    challenge,
    purpose: 'sign_in',
    userId: null,
    boundTo: bindingHash(binding),
    now: new Date(),
  });
  return challenge;
}
