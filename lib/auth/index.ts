import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { readEnv } from '@/lib/env';
import { authenticate, loginInputSchema } from './authenticate';
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
class TwoFactorRequired extends CredentialsSignin {
  code = 'two_factor_required';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // A sign-in checked the password: it is the session's first proof of identity (step-up).
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user && token.sid && token.uid)
        await recordSignInProof(getDb(), { sessionId: token.sid, userId: Number(token.uid), now: new Date() });
      return token;
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = loginInputSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const headers = request?.headers ?? new Headers();
        const ip = requestClientIp(headers, readEnv().TRUSTED_PROXIES);
        const deviceCookie = deviceCookieFrom(headers.get('cookie'));
        const result = await authenticate(getDb(), { ...parsed.data, ip, deviceCookie });
        if (result.ok)
          return {
            id: String(result.user.id),
            name: result.user.name,
            role: result.user.role,
            username: result.user.username,
            sessionVersion: result.user.sessionVersion,
          };
        if (result.reason === 'rate_limited') throw new RateLimited(result.retryAfterSeconds);
        if (result.reason === 'throttled')
          throw result.scope === 'device'
            ? new DeviceThrottled(result.retryAfterSeconds)
            : new AccountThrottled(result.retryAfterSeconds);
        if (result.reason === 'two_factor_required') throw new TwoFactorRequired();
        throw new InvalidLogin();
      },
    }),
  ],
});
