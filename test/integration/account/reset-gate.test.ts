import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { notifications, resetAttempts, tokens } from '@/db/schema';
import { requestPasswordReset } from '@/lib/reset/request';
import { RESET_LIMITS, type ResetOutcome } from '@/lib/reset/schemas';
import { setupTestDatabase } from '../../support/test-db';
import { type AddressOptions, makeAddress, makeUser, unique } from './fixtures';
import { mailsTo } from './mail-helpers';

// The password-reset gate, for every kind of input and every state an address can be in: a link
// goes only to verified, unflagged recovery addresses; an unverified or flagged address gets nothing.
vi.mock('server-only', () => ({}));
// What the browser receives: the exported action's definition run without the request.
const { requestResetAction } = await import('@/app/(auth)/reset-password/actions');
const resetRequestDef = requestResetAction.definition;
const { runPublicAction } = await import('@/lib/auth/public-action');

const t = setupTestDatabase();
const appUrl = 'https://registry.example';
const ask = (input: string, clientIp = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) =>
  t.db.transaction((tx) => requestPasswordReset({ ctx: { tx, now: new Date(), clientIp, appUrl }, input: { input } }));

/** What the reset page's form sends, answered as the browser would see it. */
const submit = (input: string, clientIp: string) => {
  const form = new FormData();
  form.set('input', input);
  return runPublicAction(resetRequestDef, form, t.db, clientIp);
};

/** A user whose primary address is at a re-registered domain (unverified, flag open), with a backup at gmail. */
async function userWithLapsedAddress() {
  const user = await makeUser(t.db);
  const flagged = await makeAddress(t.db, user.id, `dev@${unique('lapsed')}.dev`, {
    verified: false,
    unverifyReason: 'domain_lifecycle',
    flag: { state: 'open', stage: 're_registered' },
    primary: true,
  });
  const backup = await makeAddress(t.db, user.id, `${unique('backup')}@gmail.com`);
  return { user, flagged, backup };
}

const STATES: [string, AddressOptions, ResetOutcome | 'eligible'][] = [
  ['verified, chosen for recovery', {}, 'eligible'],
  ['verified, not chosen for recovery', { useForRecovery: false }, 'sent'],
  ['added, never verified', { verified: false }, 'refused_unverified'],
  [
    'unverified by a lapse, flag open',
    { verified: false, unverifyReason: 'domain_lifecycle', flag: { state: 'open', stage: 're_registered' } },
    'refused_flagged',
  ],
  [
    'unverified by a lapse, flag resolved (renewed, not re-verified)',
    { verified: false, unverifyReason: 'domain_lifecycle', flag: { state: 'resolved', stage: 'redemption' } },
    'refused_unverified',
  ],
  [
    'verified, flag held for staff review',
    { flag: { state: 'pending_review', stage: 'redemption' } },
    'refused_flagged',
  ],
  ['verified, flag overridden by staff', { flag: { state: 'overridden', stage: 'grace' } }, 'eligible'],
  ['unverified by staff', { verified: false, unverifyReason: 'staff' }, 'refused_unverified'],
  ['unverified by a bounce', { verified: false, unverifyReason: 'bounce' }, 'refused_unverified'],
];

describe.each(STATES)('an address that is %s', (_label, state, expected) => {
  async function account(withBackup: boolean) {
    const user = await makeUser(t.db);
    const typed = await makeAddress(t.db, user.id, `dev@${unique('custom')}.dev`, { ...state, primary: true });
    const backup = withBackup ? await makeAddress(t.db, user.id, `${unique('backup')}@gmail.com`) : null;
    return { user, typed, backup };
  }

  it.each([true, false])('asked for by that address (backup: %s)', async (withBackup) => {
    const { user, typed, backup } = await account(withBackup);
    const result = await ask(typed.address);
    const eligible = expected === 'eligible';
    const wantSentTo = [...(eligible ? [typed.address] : []), ...(backup ? [backup.address] : [])];
    const wantOutcome =
      expected === 'eligible' || (expected === 'sent' && backup)
        ? 'sent'
        : expected === 'sent'
          ? 'no_recovery_address'
          : expected;
    expect(result).toEqual({ outcome: wantOutcome, sentTo: wantSentTo });
    // Nothing at all to the typed address unless it may receive resets: no link, no notice.
    expect(await mailsTo(t.db, typed.address)).toHaveLength(eligible ? 1 : 0);
    if (backup) expect((await mailsTo(t.db, backup.address)).map((m) => m.kind)).toEqual(['password_reset']);
    const [attempt] = await t.db.select().from(resetAttempts).where(eq(resetAttempts.input, typed.address));
    expect(attempt).toMatchObject({ userId: user.id, outcome: wantOutcome, sentTo: wantSentTo });
  });

  it('asked for by username', async () => {
    const { user, typed, backup } = await account(true);
    const result = await ask(user.username.toUpperCase());
    expect(result).toEqual({
      outcome: 'sent',
      sentTo: [...(expected === 'eligible' ? [typed.address] : []), backup!.address],
    });
  });
});

describe('the reset page\u2019s answer', () => {
  it('is byte-identical for an existing, a flagged, an unverified and an unknown input', async () => {
    const { user, flagged, backup } = await userWithLapsedAddress();
    const unverified = await makeAddress(t.db, user.id, `${unique('new')}@gmail.com`, { verified: false });
    const noBackup = await makeUser(t.db);
    await makeAddress(t.db, noBackup.id, `${unique('only')}@proton.me`, { useForRecovery: false, primary: true });
    const inputs = [
      user.username,
      flagged.address,
      unverified.address,
      backup.address,
      noBackup.username,
      'nobody-at-all',
      'ghost@nowhere.example',
      'NOT an address@@',
    ];
    const answers: string[] = [];
    for (const input of inputs) {
      answers.push(JSON.stringify(await submit(input, '10.9.0.1')));
    }
    expect(new Set(answers)).toEqual(new Set([JSON.stringify({ ok: true, data: null })]));
    const outcomes = await t.db
      .select({ input: resetAttempts.input, outcome: resetAttempts.outcome })
      .from(resetAttempts)
      .where(eq(resetAttempts.clientIp, '10.9.0.1'));
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'sent',
      'refused_flagged',
      'refused_unverified',
      'sent',
      'no_recovery_address',
      'unknown_input',
      'unknown_input',
      'unknown_input',
    ]);
  });

  it('is the same when rate limited, and a limited request sends nothing', async () => {
    const user = await makeUser(t.db);
    const backup = await makeAddress(t.db, user.id, `${unique('limited')}@gmail.com`, { primary: true });
    for (let i = 0; i < RESET_LIMITS.perInput; i += 1) expect((await ask(user.username)).outcome).toBe('sent');
    const answer = await submit(user.username, '10.8.0.1');
    expect(answer).toEqual({ ok: true, data: null });
    expect(await ask(user.username)).toEqual({ outcome: 'rate_limited', sentTo: [] });
    expect(await mailsTo(t.db, backup.address)).toHaveLength(RESET_LIMITS.perInput);
    // Per client too: one address spraying usernames is stopped.
    for (let i = 0; i < RESET_LIMITS.perIp; i += 1) await ask(`spray-${i}`, '10.7.7.7');
    expect((await ask(user.username.replace(/^/, ''), '10.7.7.7')).outcome).toBe('rate_limited');
  });

  it('refuses an empty form the same way whatever exists', async () => {
    const result = await submit('   ', '10.6.0.1');
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', fields: { input: expect.any(String) } });
  });
});

describe('the queued reset mail', () => {
  it('carries a sealed 30-minute link and tells the owner when a flagged address was used', async () => {
    const { user, flagged, backup } = await userWithLapsedAddress();
    const now = new Date();
    await ask(flagged.address);
    const [mail] = await mailsTo(t.db, backup.address);
    expect(mail!.payload).toMatchObject({
      requestedVia: flagged.address,
      refusedAddress: flagged.address,
      sealedLink: expect.any(String),
    });
    const [token] = await t.db.select().from(tokens).where(eq(tokens.emailId, backup.id));
    expect(token).toMatchObject({ purpose: 'reset_password', userId: user.id, usedAt: null });
    expect(token!.expiresAt.getTime() - now.getTime()).toBeGreaterThan(29 * 60_000);
    expect(token!.expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    expect(await t.db.select().from(notifications).where(eq(notifications.emailId, flagged.id))).toEqual([]);
  });
});
