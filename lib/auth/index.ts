import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { authenticate, loginInputSchema } from './authenticate';
import { authConfig } from './config';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid_login';
}
class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}
class TwoFactorRequired extends CredentialsSignin {
  code = 'two_factor_required';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { username: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = loginInputSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const ip = request?.headers?.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
        const result = await authenticate(getDb(), { ...parsed.data, ip });
        if (result.ok)
          return { id: String(result.user.id), name: result.user.name, role: result.user.role, username: result.user.username, sessionVersion: result.user.sessionVersion };
        if (result.reason === 'rate_limited') throw new RateLimited();
        if (result.reason === 'two_factor_required') throw new TwoFactorRequired();
        throw new InvalidLogin();
      },
    }),
  ],
});
