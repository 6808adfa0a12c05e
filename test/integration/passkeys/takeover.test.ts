import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it, vi } from 'vitest';
import { notifications, passkeys, stepUps, users } from '@/db/schema';
import { runAction } from '@/lib/auth/action';
import { authenticate } from '@/lib/auth/authenticate';
import type { UserActor } from '@/lib/auth/session';
import { MAX_PASSKEYS, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { userHandle } from '@/lib/passkeys/relying-party';
import { completePasswordReset } from '@/lib/reset/complete';
import { requestPasswordReset } from '@/lib/reset/request';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, PASSWORD, signedIn, snapshot, unique } from '../account/fixtures';
import { latestToken } from '../account/mail-helpers';
import { rp, userWithPasskey } from './helpers';

// What an intruder holding a session cookie, or the password alone, tries against an account that
// has a passkey: turn an abandoned authenticator set-up into a factor, add their own way in with the
// password, strip the owner's passkey, run past the limit, or hide in a notice.

vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
const twoFactor = await import('@/app/(account)/account/two-factor/actions');
const account = await import('@/app/(account)/account/actions');

const t = setupTestDatabase();
const codeOf = (secret: string) => generate({ secret });
const keysOf = async (userId: number) => t.db.select().from(passkeys).where(eq(passkeys.userId, userId));
/** The session's only proof is the password, typed just now (what someone who learned it can do). */
async function passwordProof(actor: UserActor) {
  const session = await signedIn(t.db, { ...actor, session: undefined }, 60 * 60_000);
  const proved = await runAction(account.proveIdentityAction.definition, session, { password: PASSWORD }, t.db);
  expect(proved).toMatchObject({ ok: true, data: { method: 'password' } });
  return session;
}

describe('an authenticator set-up that was never confirmed is nobody’s second factor', () => {
  it('its codes neither pass the second step nor prove a step-up', async () => {
    const { actor } = await userWithPasskey(t.db);
    const { secret } = await t.db.transaction((tx) =>
      startTwoFactorEnrolment({ ctx: { tx, actor, now: new Date() }, input: {} }),
    );
    const signIn = await authenticate(t.db, {
      username: actor.username,
      password: PASSWORD,
      code: await codeOf(secret),
      ip: '10.7.0.1',
    });
    expect(signIn).toMatchObject({ ok: false, reason: 'code_invalid' });
    const stale = await signedIn(t.db, { ...actor, session: undefined }, 60 * 60_000);
    const proof = await runAction(account.proveIdentityAction.definition, stale, { code: await codeOf(secret) }, t.db);
    expect(proof).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});

describe('with a passkey on, the password is not enough to change the second factor', () => {
  it('adding a passkey, removing one, or setting up an app ask for the factor itself, and change nothing', async () => {
    const { actor, id } = await userWithPasskey(t.db);
    const session = await passwordProof(actor);
    const before = await snapshot(t.db);
    for (const [def, input] of [
      [twoFactor.passkeyRegistrationOptionsAction.definition, {}],
      [twoFactor.removePasskeyAction.definition, { id }],
      [twoFactor.startTwoFactorAction.definition, {}],
      [twoFactor.confirmTwoFactorAction.definition, { code: '123456' }],
    ] as const) {
      const result = await runAction(def, session, input, t.db);
      expect(result).toMatchObject({ ok: false, code: 'step_up_required', fields: { proof: 'second_factor' } });
    }
    expect(await snapshot(t.db)).toBe(before);
    expect(await keysOf(actor.id)).toHaveLength(1);
  });

  it('a passkey (or a recovery code) at the step-up agrees to it', async () => {
    const { actor, key, recoveryCodes } = await userWithPasskey(t.db);
    const session = await signedIn(t.db, { ...actor, session: undefined }, 60 * 60_000);
    const options = await runAction(account.passkeyStepUpOptionsAction.definition, session, {}, t.db);
    if (!options.ok) throw new Error(options.message);
    const assertion = key.assert({ challenge: options.data.options.challenge, ...rp() });
    expect(await runAction(account.proveIdentityAction.definition, session, { assertion }, t.db)).toMatchObject({
      ok: true,
    });
    expect(await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, session, {}, t.db)).toMatchObject({
      ok: true,
    });
    const other = await signedIn(t.db, { ...actor, session: undefined }, 60 * 60_000);
    const byCode = await runAction(account.proveIdentityAction.definition, other, { code: recoveryCodes![0]! }, t.db);
    expect(byCode).toMatchObject({ ok: true, data: { method: 'second_factor' } });
    expect(await runAction(twoFactor.startTwoFactorAction.definition, other, {}, t.db)).toMatchObject({ ok: true });
  });

  it('a sign-in that passed the passkey is itself the proof', async () => {
    const { actor } = await userWithPasskey(t.db);
    const session = await signedIn(t.db, { ...actor, session: undefined });
    await t.db
      .update(stepUps)
      .set({ method: 'sign_in_second_factor' })
      .where(eq(stepUps.sessionId, session.session!.id));
    expect(await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, session, {}, t.db)).toMatchObject({
      ok: true,
    });
  });

  it('confirming an app on a passkey account keeps the recovery codes the owner saved', async () => {
    const { actor, recoveryCodes } = await userWithPasskey(t.db);
    const session = await signedIn(t.db, { ...actor, session: undefined });
    await t.db.update(stepUps).set({ method: 'passkey' }).where(eq(stepUps.sessionId, session.session!.id));
    const started = await runAction(twoFactor.startTwoFactorAction.definition, session, {}, t.db);
    if (!started.ok) throw new Error(started.message);
    const confirmed = await runAction(
      twoFactor.confirmTwoFactorAction.definition,
      session,
      { code: await codeOf(started.data.secret) },
      t.db,
    );
    expect(confirmed).toMatchObject({ ok: true, data: { recoveryCodes: null } });
    const signIn = await authenticate(t.db, {
      username: actor.username,
      password: PASSWORD,
      code: recoveryCodes![0]!,
      ip: '10.7.0.2',
    });
    expect(signIn).toMatchObject({ ok: true });
  });
});

describe('new recovery codes for a passkey-only account', () => {
  it('come after a proof with the passkey, void the old ones and tell the owner; a password proof is refused', async () => {
    const { actor, recoveryCodes } = await userWithPasskey(t.db);
    const session = await passwordProof(actor);
    const refused = await runAction(twoFactor.replaceRecoveryCodesAction.definition, session, {}, t.db);
    expect(refused).toMatchObject({ ok: false, code: 'step_up_required', fields: { proof: 'second_factor' } });
    const fresh = await runAction(twoFactor.replaceRecoveryCodesAction.definition, actor, {}, t.db);
    if (!fresh.ok) throw new Error(fresh.message);
    expect(fresh.data.recoveryCodes).toHaveLength(10);
    const signIn = (code: string) =>
      authenticate(t.db, { username: actor.username, password: PASSWORD, code, ip: '10.7.0.9' });
    expect(await signIn(recoveryCodes![0]!)).toMatchObject({ ok: false, reason: 'code_invalid' });
    expect(await signIn(fresh.data.recoveryCodes[0]!)).toMatchObject({ ok: true });
    const events = (await t.db.select().from(notifications).where(eq(notifications.userId, actor.id))).map(
      (n) => (n.payload as { event?: string }).event,
    );
    expect(events).toContain('recovery_codes_replaced');
  });
});

describe('limits and words', () => {
  it('options fetched in advance cannot add past the limit', async () => {
    const { actor } = await userWithPasskey(t.db);
    const now = new Date();
    const early = await Promise.all(
      Array.from({ length: 3 }, () =>
        t.db.transaction((tx) => startPasskeyRegistration({ ctx: { tx, actor, now }, input: {} })),
      ),
    );
    await t.db.update(users).set({ passkeyCount: MAX_PASSKEYS }).where(eq(users.id, actor.id));
    const key = new SoftAuthenticator(userHandle(actor.id));
    const response = key.register({ challenge: early[0]!.options.challenge, ...rp() });
    const result = await runAction(
      twoFactor.registerPasskeyAction.definition,
      actor,
      { name: 'One more', response },
      t.db,
    );
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('a name that could pose as the notice’s own words is refused', async () => {
    const { actor } = await userWithPasskey(t.db);
    const options = await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, actor, {}, t.db);
    if (!options.ok) throw new Error(options.message);
    const response = new SoftAuthenticator(userHandle(actor.id)).register({
      challenge: options.data.options.challenge,
      ...rp(),
    });
    for (const name of ['Work laptop" (you, just now). No action needed. "', 'Laptop\u202Egnp.exe', 'a\u0007b']) {
      const result = await runAction(twoFactor.registerPasskeyAction.definition, actor, { name, response }, t.db);
      expect(result).toMatchObject({ ok: false, code: 'invalid_input', fields: { name: expect.any(String) } });
    }
    // The same answer with a plain name is accepted: the names alone were refused.
    const plain = await runAction(
      twoFactor.registerPasskeyAction.definition,
      actor,
      { name: 'Work laptop', response },
      t.db,
    );
    expect(plain).toMatchObject({ ok: true });
  });

  it('the notice of a password reset names the passkeys that still sign in', async () => {
    const { actor } = await userWithPasskey(t.db, 'Owner phone');
    const address = await makeAddress(t.db, actor.id, `${unique('r')}@gmail.com`, { primary: true });
    await t.db.transaction((tx) =>
      requestPasswordReset({
        ctx: { tx, now: new Date(), clientIp: '10.7.0.3', appUrl: 'http://localhost:3000' },
        input: { input: actor.username },
      }),
    );
    const token = await latestToken(t.db, address.address);
    const password = 'another brand new password';
    await t.db.transaction((tx) =>
      completePasswordReset({ ctx: { tx, now: new Date() }, input: { token, password, confirm: password } }),
    );
    const [notice] = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, actor.id))
      .then((rows) => rows.filter((n) => (n.payload as { event?: string }).event === 'password_changed_passkeys'));
    expect(notice?.payload).toMatchObject({ address: '“Owner phone”' });
  });
});
