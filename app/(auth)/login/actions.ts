'use server';

import { AuthError } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth';
import { loginInputSchema } from '@/lib/auth/authenticate';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceCookie } from '@/lib/auth/device-cookie';
import { newBinding, readTicket, TICKET_TTL_SECONDS } from '@/lib/auth/sign-in-ticket';
import { appBaseUrl, readEnv } from '@/lib/env';
import { type LoginState, loginMessage } from './messages';

const redirectSchema = z
  .string()
  .regex(/^\/(?!\/)[\w\-./?=&%]*$/)
  .catch('/');

// The browser's half of a sign-in ticket: a random value in an HttpOnly cookie, whose hash the
// ticket names (lib/auth/sign-in-ticket.ts). Scoped to /login, where the form posts.
const BINDING_COOKIE = 'gk_signin';

function cookieOptions(path: string, maxAge: number) {
  const secure = appBaseUrl(readEnv()).startsWith('https:');
  return { httpOnly: true, sameSite: 'lax' as const, secure, path, maxAge };
}

// Not a defineAction/definePublicAction definition: signing in is next-auth's signIn, which checks
// the credentials (lib/auth/authenticate.ts and authenticate-code.ts, with their own rate limits and
// equal-work refusals), creates the session and answers with a redirect; there is no session yet for a
// permission, and no lib/ verb to run in a transaction. This file only carries the two steps (password,
// then the code with the ticket) and maps next-auth's outcome to plain words (./messages.ts).
// The definition is only a public entry in the action registry (test/integration/actions/).
export const loginAction = Object.assign(
  async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
    const next = redirectSchema.parse(form.get('next') ?? '/');
    const jar = await cookies();
    const ticket = String(form.get('ticket') ?? '');
    const codeStep = ticket !== '';
    const code = String(form.get('code') ?? '').trim();
    const username = codeStep ? (readTicket(ticket)?.username ?? '') : String(form.get('username') ?? '');
    if (codeStep && !code) return { step: 'code', ticket, username, error: loginMessage('code_missing') };
    const binding = jar.get(BINDING_COOKIE)?.value || newBinding();
    let destination: string;
    try {
      destination = await signIn('credentials', {
        ...(codeStep ? { ticket, code } : { username, password: String(form.get('password') ?? '') }),
        binding,
        redirectTo: next,
        redirect: false,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const refusal = error as AuthError & { code?: string; retryAfterSeconds?: number; ticket?: string };
      const reason = refusal.code ?? 'invalid_login';
      const message = loginMessage(reason, refusal.retryAfterSeconds);
      if (reason === 'two_factor_required' || reason === 'code_invalid') {
        if (!refusal.ticket) return { step: 'password', username, error: loginMessage('ticket_invalid') };
        jar.set(BINDING_COOKIE, binding, cookieOptions('/login', TICKET_TTL_SECONDS));
        // The first arrival at the code step needs no alert: the step itself says what to type.
        return {
          step: 'code',
          ticket: refusal.ticket,
          username,
          error: reason === 'code_invalid' ? message : undefined,
        };
      }
      // Waiting out a delay keeps the ticket: the code step can be tried again after the wait.
      if (codeStep && reason !== 'ticket_invalid') return { step: 'code', ticket, username, error: message };
      return { step: 'password', username, error: message };
    }
    // Signed in: this browser becomes a known device for the account (a fresh cookie each time), so
    // strangers' failed guesses never lock the owner out of it. The username is the one the checked
    // password or ticket named, never one the form could swap in.
    jar.set(
      DEVICE_COOKIE,
      issueDeviceCookie(loginInputSchema.shape.username.parse(username)),
      cookieOptions('/', DEVICE_COOKIE_MAX_AGE_SECONDS),
    );
    jar.set(BINDING_COOKIE, '', cookieOptions('/login', 0));
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
