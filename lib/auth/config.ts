import type { NextAuthConfig } from 'next-auth';
import type { Role } from '@/db/schema/enums';
import { readEnv } from '@/lib/env';
import { servedOverHttps } from '@/lib/security/headers';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; name?: string | null; username: string; sessionVersion: number; sid: string };
  }
  interface User {
    role?: Role;
    username?: string;
    sessionVersion?: number;
    /** The sign-in passed a second factor (the session's first proof counts as one: lib/auth/step-up.ts). */
    secondFactor?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    username?: string;
    sv?: number;
    /** A random id per sign-in: step-up proofs (lib/auth/step-up.ts) belong to one session. */
    sid?: string;
  }
}

// Edge-safe part of the auth setup (no providers, no database): shared by proxy.ts and lib/auth/index.ts.
// The token's role is as of sign-in; every page and action re-reads it from the database.
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  trustHost: true,
  // Secure (and __Secure-/__Host- prefixed) cookies exactly when the app is served over HTTPS, decided
  // from APP_URL rather than from each request's scheme, which a proxy in front may misreport.
  useSecureCookies: servedOverHttps(readEnv().APP_URL),
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.username = user.username;
        token.sv = user.sessionVersion ?? 0;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? '';
      session.user.role = token.role ?? 'user';
      session.user.username = token.username ?? '';
      session.user.sessionVersion = token.sv ?? 0;
      session.user.sid = token.sid ?? '';
      return session;
    },
  },
} satisfies NextAuthConfig;
