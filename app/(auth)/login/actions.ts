'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth';
import { loginInputSchema } from '@/lib/auth/authenticate';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceCookie } from '@/lib/auth/device-cookie';
import { appBaseUrl, readEnv } from '@/lib/env';

export interface LoginState {
  error?: string;
  needsCode?: boolean;
  username?: string;
}

const redirectSchema = z
  .string()
  .regex(/^\/(?!\/)[\w\-./?=&%]*$/)
  .catch('/');

// Same words for an unknown user and a wrong password: the form must not reveal which accounts exist.
const MESSAGES: Record<string, (wait: string) => string> = {
  invalid_login: () => 'Wrong username or password.',
  rate_limited: (wait) => `Too many sign-in attempts from your network. Try again ${wait}.`,
  account_throttled: (wait) =>
    `Too many failed sign-ins for this account from new devices. Try again ${wait}, or sign in from a device you have signed in on before.`,
  device_throttled: (wait) => `Too many failed sign-ins from this device. Try again ${wait}.`,
  two_factor_required: () => 'Enter the 6-digit code from your authenticator app, or a recovery code.',
};

function waitWords(seconds: number | undefined): string {
  if (!seconds || seconds <= 1) return 'in a moment';
  if (seconds < 60) return `in ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'in about a minute' : `in about ${minutes} minutes`;
}

// Not a defineAction/definePublicAction definition: signing in is next-auth's signIn, which checks
// the credentials (lib/auth/authenticate.ts, with its own rate limits and equal-work refusals),
// creates the session and answers with a redirect; there is no session yet for a permission, and
// no lib/ verb to run in a transaction. This file only maps next-auth's outcome to plain words.
// The definition is only a public entry in the action registry (test/integration/actions/).
export const loginAction = Object.assign(
  async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
    const username = String(form.get('username') ?? '');
    const next = redirectSchema.parse(form.get('next') ?? '/');
    let destination: string;
    try {
      destination = await signIn('credentials', {
        username,
        password: String(form.get('password') ?? ''),
        code: String(form.get('code') ?? ''),
        redirectTo: next,
        redirect: false,
      });
    } catch (error) {
      if (error instanceof AuthError) {
        const { code = 'invalid_login', retryAfterSeconds } = error as AuthError & {
          code?: string;
          retryAfterSeconds?: number;
        };
        const message = MESSAGES[code] ?? MESSAGES.invalid_login!;
        return { error: message(waitWords(retryAfterSeconds)), needsCode: code === 'two_factor_required', username };
      }
      throw error;
    }
    // Signed in: this browser becomes a known device for the account (a fresh cookie each time), so
    // strangers' failed guesses never lock the owner out of it.
    const normalised = loginInputSchema.shape.username.parse(username);
    (await cookies()).set(DEVICE_COOKIE, issueDeviceCookie(normalised), {
      httpOnly: true,
      sameSite: 'lax',
      secure: appBaseUrl(readEnv()).startsWith('https:'),
      path: '/',
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
    redirect(destination);
  },
  { definition: { name: 'auth.sign_in', public: true as const } },
);

export const signOutAction = Object.assign(
  async function signOutAction() {
    await signOut({ redirectTo: '/login' });
  },
  { definition: { name: 'auth.sign_out', public: true as const } },
);
