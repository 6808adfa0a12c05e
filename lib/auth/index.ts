import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { readEnv } from '@/lib/env';
import { type AuthenticateResult, authenticate, loginInputSchema } from './authenticate';
import { authenticateCode, codeStepInputSchema } from './authenticate-code';
import { authenticatePasskey, passkeyStepInputSchema } from './authenticate-passkey';
import { authConfig } from './config';
import { deviceCookieFrom } from './device-cookie';
import { requestClientIp } from './request-ip';
import { recordSignInProof } from './step-up';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid_login';
}
// The waits travel on the error object: Auth.js rethrows this same instance to signIn() in the
// login action (@auth/core index.js, raw mode), which turns it into words.
class Waiting extends CredentialsSignin {
  retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super();
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
class RateLimited extends Waiting {
  code = 'rate_limited';
}
class AccountThrottled extends Waiting {
  code = 'account_throttled';
}
class DeviceThrottled extends Waiting {
  code = 'device_throttled';
}
// The password step passed: the ticket carries it to the code step (lib/auth/sign-in-ticket.ts).
class TwoFactorRequired extends CredentialsSignin {
  code = 'two_factor_required';
  constructor(readonly ticket: string | undefined) {
    super();
  }
}
// A wrong or used code: a fresh ticket for another try, when the password entry has tries left.
class CodeRejected extends CredentialsSignin {
  code = 'code_invalid';
  constructor(readonly ticket: string | undefined) {
    super();
  }
}
class PasskeyRefused extends CredentialsSignin {
  code = 'passkey_refused';
}
// The ticket is expired, spent, from another browser, or the account changed since: start over.
class TicketRefused extends CredentialsSignin {
  code = 'ticket_invalid';
  constructor(readonly username: string | undefined) {
    super();
  }
}

/**
 * The sign-in step a credentials post is: a ticket and a code or passkey answer, a passkey answer
 * alone, or a username and password.
 */
async function check(raw: unknown, request: Request | undefined): Promise<AuthenticateResult> {
  const headers = request?.headers ?? new Headers();
  const context = {
    ip: requestClientIp(headers, readEnv().TRUSTED_PROXIES),
    deviceCookie: deviceCookieFrom(headers.get('cookie')),
    // Handed in by the login action from the browser's HttpOnly cookie (app/(auth)/login/actions.ts).
    binding: typeof (raw as { binding?: unknown })?.binding === 'string' ? (raw as { binding: string }).binding : null,
  };
  const codeStep = codeStepInputSchema.safeParse(raw);
  // The verbs parse their own input again: they are called with what the browser posted.
  if (codeStep.success)
    return authenticateCode(getDb(), { ...(raw as z.input<typeof codeStepInputSchema>), ...context });
  if (passkeyStepInputSchema.safeParse(raw).success)
    return authenticatePasskey(getDb(), { ...(raw as z.input<typeof passkeyStepInputSchema>), ...context });
  const parsed = loginInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  return authenticate(getDb(), { ...parsed.data, ...context });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  // A refused sign-in (wrong password, a code wanted or wrong, a delay) is an outcome, recorded in
  // sign_in_events, not a server fault: only other errors reach the log.
  logger: {
    error(error) {
      if ((error as Error & { type?: string }).type !== 'CredentialsSignin') console.error('[auth][error]', error);
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    // A sign-in checked the password: it is the session's first proof of identity (step-up).
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user && token.sid && token.uid)
        await recordSignInProof(getDb(), {
          sessionId: token.sid,
          userId: Number(token.uid),
          now: new Date(),
          secondFactor: params.user.secondFactor === true,
        });
      return token;
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {}, code: {}, ticket: {}, assertion: {}, binding: {} },
      async authorize(raw, request) {
        const result = await check(raw, request);
        if (result.ok)
          return {
            id: String(result.user.id),
            name: result.user.name,
            role: result.user.role,
            username: result.user.username,
            sessionVersion: result.user.sessionVersion,
            secondFactor: result.user.secondFactor,
          };
        switch (result.reason) {
          case 'rate_limited':
            throw new RateLimited(result.retryAfterSeconds);
          case 'throttled':
            throw result.scope === 'device'
              ? new DeviceThrottled(result.retryAfterSeconds)
              : new AccountThrottled(result.retryAfterSeconds);
          case 'two_factor_required':
            throw new TwoFactorRequired(result.ticket);
          case 'code_invalid':
            throw new CodeRejected(result.ticket);
          case 'ticket_invalid':
            throw new TicketRefused(result.username);
          case 'passkey_refused':
            throw new PasskeyRefused();
          default:
            throw new InvalidLogin();
        }
      },
    }),
  ],
});
