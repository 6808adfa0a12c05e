import { SoftAuthenticator } from '../../support/soft-authenticator';
import type { World } from './world';

// A valid input for every action and route, keyed by its definition's name: each refusal case first
// checks that its sample passes the action's own schema, so a refusal is about the permission and not
// about the input. An action with no entry here fails its cases: a new action cannot ship without
// appearing in the refusal matrix. Inputs aim at the world's real rows (the user's own addresses, a
// held flag, a running scan), so a broken permission check would change something and show.

export const ACTION_SAMPLES: Record<string, (w: World) => unknown> = {
  // The account (account.manage: every role; only an anonymous caller is refused).
  'address.add': () => ({ address: 'someone.new@gmail.com' }),
  'address.verify_link': (w) => ({ emailId: w.addresses.unverified }),
  'address.verify': () => ({ token: 'x'.repeat(43) }),
  'address.remove': (w) => ({ emailId: w.addresses.second }),
  'address.set_primary': (w) => ({ emailId: w.addresses.second }),
  'address.set_recovery': (w) => ({ emailId: w.addresses.primary, useForRecovery: 'false' }),
  'auth.step_up': () => ({ password: 'the right password' }),
  'notification.mark_read': () => ({}),
  'totp.start': () => ({}),
  'totp.confirm': () => ({ code: '123456' }),
  'totp.disable': () => ({ code: '123456' }),
  'totp.recovery_codes': () => ({ code: '123456' }),
  'passkey.options': () => ({}),
  'passkey.register': () => ({
    name: 'Laptop',
    response: new SoftAuthenticator(new Uint8Array([1])).register({
      challenge: 'c2FtcGxl',
      origin: 'http://localhost:3000',
      rpId: 'localhost',
    }),
  }),
  'passkey.remove': (w) => ({ id: w.passkeyId }),
  'passkey.step_up_options': () => ({}),
  'passkey.recovery_codes': () => ({}),
  // The flags and users pages (staff).
  'flags.review': (w) => ({ flagIds: [w.flagged.heldFlagId], decision: 'confirm' }),
  'flags.override': (w) => ({
    flagIds: [w.flagged.openFlagId],
    decision: 'keep_unverified',
    reason: 'checked by hand, still lapsing',
  }),
  'flags.notify': (w) => ({ flagIds: [w.flagged.openFlagId] }),
  'user.notify': (w) => ({ userId: w.flagged.userId }),
  // Scans (staff rescans; admin full scans and cancelling).
  'scan.rescan_domain': (w) => ({ domain: w.domain }),
  'scan.rescan_user': (w) => ({ username: w.flagged.username }),
  'scan.request_full': () => ({}),
  'scan.cancel': (w) => ({ scanId: w.scanId }),
  // Settings (admin).
  'settings.update_policy': () => ({ warningWindowDays: 10 }),
  'domain_list.add': () => ({ list: 'trusted', domain: 'newprovider.example' }),
  'domain_list.remove': () => ({ domain: 'gmail.com' }),
  'api_token.create': () => ({ name: 'registry reset flow', scopes: ['eligibility'] }),
  'api_token.revoke': (w) => ({ id: w.apiTokenId }),
  'webhook.create': () => ({ url: 'https://198.51.100.7/hooks/gravekeeper', events: ['flag.resolved'] }),
  'webhook.remove': (w) => ({ id: w.webhookId }),
  'webhook.replay': (w) => ({ id: w.failedDeliveryId }),
  // The look-alike watch: watched names are settings (admin); marking a candidate is a review (staff).
  'lookalike.watch': () => ({ name: 'pypi.org' }),
  'lookalike.unwatch': (w) => ({ id: w.lookalike.nameId }),
  'lookalike.mark': (w) => ({ domain: w.lookalike.domain, mark: 'benign', reason: 'our own defensive registration' }),
};

/** The dynamic segments of each route's URL, by the route's definition name. */
export const ROUTE_SAMPLES: Record<string, (w: World) => Record<string, string>> = {
  'overview.read': () => ({}),
  'flag.list': () => ({}),
  'outbox.list': () => ({}),
  'reset_attempt.list': () => ({}),
  'user.list': () => ({}),
  'domain.read': (w) => ({ domain: w.domain }),
  'scan.list': () => ({}),
  'scan.read': (w) => ({ id: String(w.scanId) }),
  'user.read': (w) => ({ id: String(w.flagged.userId) }),
  'lookalike.list': () => ({}),
  'lookalike.export': () => ({}),
};

/** A valid call of every integration API route (/api/v1, /metrics): its query, or its JSON body. */
export const API_ROUTE_SAMPLES: Record<string, () => { query?: Record<string, string>; body?: unknown }> = {
  'api.recovery_eligibility': () => ({ query: { address: 'maintainer@gmail.com' } }),
  'api.metrics': () => ({}),
  'api.accounts_sync': () => {
    const username = `synced-${Math.random().toString(36).slice(2, 10)}`;
    return {
      body: { accounts: [{ username, addresses: [{ address: `${username}@gmail.com`, verified: true }] }] },
    };
  },
};

/**
 * The entry points an anonymous visitor may call, by name, with the reason. Marking a definition
 * public takes it out of the refusal matrix, so every one must be listed here on purpose.
 */
export const PUBLIC_ACTIONS: Record<string, string> = {
  'auth.nextauth_get': "next-auth's own endpoints (sign-in page, session, CSRF token)",
  'auth.nextauth_post': "next-auth's own endpoints (sign-in, sign-out)",
  'auth.sign_in': 'signing in: next-auth checks the credentials, with its own rate limits and equal-work refusals',
  'auth.sign_out': "ends the caller's own session; nothing to protect",
  'auth.passkey_options':
    'the challenge for a passkey prompt at sign-in: rate limited per address, names no account (or only the ticket holder’s)',
  'reset.request': 'asking for a reset link: rate limited, the same answer for every input',
  'reset.complete': 'setting a new password: needs the single-use token from the link',
  'api.openapi': 'the OpenAPI description of the integration API: names no data',
};
