'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth';

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
const MESSAGES: Record<string, string> = {
  invalid_login: 'Wrong username or password.',
  rate_limited: 'Too many sign-in attempts. Wait 15 minutes and try again.',
  two_factor_required: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
};

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get('username') ?? '');
  const next = redirectSchema.parse(form.get('next') ?? '/');
  try {
    await signIn('credentials', {
      username,
      password: String(form.get('password') ?? ''),
      code: String(form.get('code') ?? ''),
      redirectTo: next,
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? 'invalid_login';
      return { error: MESSAGES[code] ?? MESSAGES.invalid_login, needsCode: code === 'two_factor_required', username };
    }
    throw error; // the redirect after a successful sign-in
  }
}

export async function signOutAction() {
  await signOut({ redirectTo: '/login' });
}
