import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { passkeys } from '@/db/schema';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { CEREMONY_TIMEOUT_MS, storeChallenge } from './challenges';
import { relyingParty } from './relying-party';

/**
 * The options for a step-up with a passkey ("confirm it is you"): only the account's own passkeys,
 * user verification required, the challenge bound to this session so another session cannot spend it.
 */
export async function startPasskeyStepUp({ ctx }: { ctx: VerbContext; input: Record<string, never> }) {
  if (!ctx.actor.session) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  const keys = await ctx.tx
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, ctx.actor.id));
  if (keys.length === 0) throw new AppError('conflict', 'Your account has no passkey: confirm with your password.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as never })),
  });
  await storeChallenge(ctx.tx, {
    challenge: options.challenge,
    purpose: 'step_up',
    userId: ctx.actor.id,
    boundTo: ctx.actor.session.id,
    now: ctx.now,
  });
  return { options };
}
