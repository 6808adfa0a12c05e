'use server';

import { AuthError } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { signIn, signOut } from '@/lib/auth';
import { loginInputSchema } from '@/lib/auth/authenticate';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceCookie } from '@/lib/auth/device-cookie';
import { requestClientIp } from '@/lib/auth/request-ip';
import { newBinding, readTicket, TICKET_TTL_SECONDS } from '@/lib/auth/sign-in-ticket';
import { appBaseUrl, readEnv } from '@/lib/env';
import type { ActionResult } from '@/lib/errors';
import { passkeyOwnerUsername } from '@/lib/passkeys/queries';
import { passkeySignInOptions } from '@/lib/passkeys/sign-in-options';
import { type LoginState, loginMessage } from './messages';

const passkeyOptionsInputSchema = z.object({ ticket: z.string().min(1).max(1000).optional() });
type PasskeyOptions = Extract<Awaited<ReturnType<typeof passkeySignInOptions>>, { ok: true }>['options'];

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
    // A passkey's answer (JSON from @simplewebauthn/browser): alone, or as the second step.
    const assertion = String(form.get('assertion') ?? '');
    const claims = codeStep ? readTicket(ticket) : null;
    const methods = claims?.methods;
    let username = codeStep ? (claims?.username ?? '') : String(form.get('username') ?? '');
    if (codeStep && !code && !assertion)
      return { step: 'code', ticket, username, methods, error: loginMessage('code_missing') };
    const binding = jar.get(BINDING_COOKIE)?.value || newBinding();
    const credentials = codeStep
      ? { ticket, ...(assertion ? { assertion } : { code }) }
      : assertion
        ? { assertion }
        : { username, password: String(form.get('password') ?? '') };
    let destination: string;
    try {
      destination = await signIn('credentials', {
        ...credentials,
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
          methods: readTicket(refusal.ticket)?.methods,
          error: reason === 'code_invalid' ? (assertion ? loginMessage('passkey_refused') : message) : undefined,
        };
      }
      // Waiting out a delay keeps the ticket: the code step can be tried again after the wait.
      if (codeStep && reason !== 'ticket_invalid') return { step: 'code', ticket, username, methods, error: message };
      return { step: 'password', username, error: message };
    }
    // Signed in: this browser becomes a known device for the account (a fresh cookie each time), so
    // strangers' failed guesses never lock the owner out of it. The username is the one the checked
    // password, ticket or passkey named, never one the form could swap in.
    if (!codeStep && assertion)
      username = (await passkeyOwnerUsername(getDb(), String((JSON.parse(assertion) as { id?: unknown }).id))) ?? '';
    if (username)
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

/**
 * The options for the browser's passkey prompt: for a sign-in with a passkey alone, or (with the
 * ticket) for the second step after a password. Public like the sign-in itself; its challenge is
 * bound to this browser's binding cookie and spent by the sign-in that answers it.
 */
export const passkeyOptionsAction = Object.assign(
  async function passkeyOptionsAction(input: { ticket?: string } | undefined): Promise<ActionResult<PasskeyOptions>> {
    const parsed = passkeyOptionsInputSchema.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, code: 'invalid_input', message: 'That request was not understood.' };
    const jar = await cookies();
    const binding = jar.get(BINDING_COOKIE)?.value || newBinding();
    const result = await passkeySignInOptions(getDb(), {
      binding,
      ip: requestClientIp(await headers(), readEnv().TRUSTED_PROXIES),
      ticket: parsed.data.ticket,
      now: new Date(),
    });
    if (!result.ok)
      return result.reason === 'rate_limited'
        ? { ok: false, code: 'rate_limited', message: loginMessage('rate_limited', result.retryAfterSeconds) }
        : { ok: false, code: 'invalid_input', message: loginMessage('ticket_invalid') };
    jar.set(BINDING_COOKIE, binding, cookieOptions('/login', TICKET_TTL_SECONDS));
    return { ok: true, data: result.options };
  },
  { definition: { name: 'auth.passkey_options', public: true as const } },
);
