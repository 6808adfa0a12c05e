import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { assertionOptions } from './assertion-options';

/**
 * The options for a step-up with a passkey ("confirm it is you"): only the account's own passkeys,
 * user verification required, the challenge bound to this session so another session cannot spend it.
 */
export async function startPasskeyStepUp({ ctx }: { ctx: VerbContext; input: Record<string, never> }) {
  if (!ctx.actor.session) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  const options = await assertionOptions(ctx.tx, {
    purpose: 'step_up',
    userId: ctx.actor.id,
    boundTo: ctx.actor.session.id,
    userVerification: 'required',
    now: ctx.now,
  });
  if (!options) throw new AppError('conflict', 'Your account has no passkey: confirm with your password.');
  return { options };
}
