// What the login form says, in plain words. Same words for an unknown user and a wrong password:
// the form must not reveal which accounts exist. A wrong code is told apart: by then the password
// was right, so saying so reveals nothing a stranger could use.

/** The form's state between the password step and the code step. */
export interface LoginState {
  step?: 'password' | 'code';
  error?: string;
  /** The username typed (password step) or the one the ticket names (code step), to show it. */
  username?: string;
  /** The signed "password accepted" ticket the code step sends back (lib/auth/sign-in-ticket.ts). */
  ticket?: string;
  /** What the second step offers: a code (app or recovery code), a passkey, or both. */
  methods?: { code: boolean; passkey: boolean };
}

const MESSAGES: Record<string, (wait: string) => string> = {
  invalid_login: () => 'Wrong username or password.',
  rate_limited: (wait) => `Too many sign-in attempts from your network. Try again ${wait}.`,
  account_throttled: (wait) =>
    `Too many failed sign-ins for this account from new devices. Try again ${wait}, or sign in from a device you have signed in on before.`,
  device_throttled: (wait) => `Too many failed sign-ins from this device. Try again ${wait}.`,
  two_factor_required: () => 'Enter the 6-digit code from your authenticator app, or a recovery code.',
  code_invalid: () => 'That code did not work. Codes can be used once.',
  code_missing: () => 'Type the 6-digit code from your authenticator app, or a recovery code.',
  passkey_refused: () =>
    'That passkey did not sign you in. Try again, or use your username and password. If it keeps failing, the passkey may have been removed from your account.',
  passkey_cancelled: () => 'The passkey prompt was closed before it finished. Try again when you are ready.',
  ticket_invalid: () =>
    'That sign-in took too long or was started in another browser. Enter your username and password again.',
};

function waitWords(seconds: number | undefined): string {
  if (!seconds || seconds <= 1) return 'in a moment';
  if (seconds < 60) return `in ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'in about a minute' : `in about ${minutes} minutes`;
}

export function loginMessage(reason: string, retryAfterSeconds?: number): string {
  return (MESSAGES[reason] ?? MESSAGES.invalid_login!)(waitWords(retryAfterSeconds));
}
