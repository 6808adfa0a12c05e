import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, notifications, passkeys, stepUps, users, webauthnChallenges } from '@/db/schema';
import { runAction } from '@/lib/auth/action';
import { authenticate } from '@/lib/auth/authenticate';
import { userHandle } from '@/lib/passkeys/relying-party';
import { completePasswordReset } from '@/lib/reset/complete';
import { requestPasswordReset } from '@/lib/reset/request';
import { pruneRecords } from '@/lib/rate-limit/prune';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, PASSWORD, signedIn, snapshot, unique } from '../account/fixtures';
import { latestToken } from '../account/mail-helpers';
import { addPasskey, rp, userWithPasskey } from './helpers';

vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
const twoFactor = await import('@/app/(account)/account/two-factor/actions');
const account = await import('@/app/(account)/account/actions');

const t = setupTestDatabase();
const MIN = 60_000;
const keysOf = async (userId: number) => t.db.select().from(passkeys).where(eq(passkeys.userId, userId));
const userRow = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
const notices = async (userId: number) =>
  (await t.db.select().from(notifications).where(eq(notifications.userId, userId)))
    .filter((n) => n.channel === 'in_app')
    .map((n) => (n.payload as { event?: string }).event);

describe('registering a passkey', () => {
  it('stores it named, with ten recovery codes on the first factor only, audited and told to the owner', async () => {
    const { actor, recoveryCodes, id } = await userWithPasskey(t.db, 'Work laptop');
    expect(recoveryCodes).toHaveLength(10);
    const [row] = await keysOf(actor.id);
    expect(row).toMatchObject({ id, name: 'Work laptop', counter: 0, backedUp: false, deviceType: 'singleDevice' });
    expect((await userRow(actor.id)).passkeyCount).toBe(1);
    const second = await addPasskey(t.db, actor, new SoftAuthenticator(userHandle(actor.id)), 'Security key');
    expect(second.recoveryCodes).toBeNull();
    expect((await userRow(actor.id)).passkeyCount).toBe(2);
    expect(await notices(actor.id)).toEqual(['passkey_added', 'passkey_added']);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'passkey.register'));
    expect(audit.filter((a) => a.targetId === String(actor.id))).toHaveLength(2);
  });

  it('needs a fresh step-up: a session signed in 11 minutes ago gets no options and changes nothing', async () => {
    const actor = await signedIn(t.db, await makeUser(t.db), 11 * MIN);
    const before = await snapshot(t.db);
    const result = await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, actor, {}, t.db);
    expect(result).toMatchObject({ ok: false, code: 'step_up_required' });
    expect(await snapshot(t.db)).toBe(before);
  });

  it("refuses an answer to another session's challenge, and a replayed registration", async () => {
    const actor = await signedIn(t.db, await makeUser(t.db));
    const other = await signedIn(t.db, { ...actor, session: undefined });
    const options = await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, actor, {}, t.db);
    if (!options.ok) throw new Error(options.message);
    const key = new SoftAuthenticator(userHandle(actor.id));
    const response = key.register({ challenge: options.data.options.challenge, ...rp() });
    const register = (who: typeof actor) =>
      runAction(twoFactor.registerPasskeyAction.definition, who, { name: 'Phone', response }, t.db);
    expect(await register(other)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await register(actor)).toMatchObject({ ok: true, data: { name: 'Phone' } });
    // Replayed by the same session, after a proof with the new passkey: the challenge is spent.
    await t.db.update(stepUps).set({ method: 'passkey' }).where(eq(stepUps.sessionId, actor.session!.id));
    expect(await register(actor)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await keysOf(actor.id)).toHaveLength(1);
  });

  it('refuses a passkey created for another origin, and a bad name, with plain words', async () => {
    const actor = await signedIn(t.db, await makeUser(t.db));
    const options = await runAction(twoFactor.passkeyRegistrationOptionsAction.definition, actor, {}, t.db);
    if (!options.ok) throw new Error(options.message);
    const key = new SoftAuthenticator(userHandle(actor.id));
    const challenge = options.data.options.challenge;
    const phished = key.register({ challenge, origin: 'https://pypj.org', rpId: rp().rpId });
    const refused = await runAction(
      twoFactor.registerPasskeyAction.definition,
      actor,
      { name: 'Phone', response: phished },
      t.db,
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringMatching(/no passkey was added/),
    });
    const unnamed = await runAction(
      twoFactor.registerPasskeyAction.definition,
      actor,
      { name: '  ', response: key.register({ challenge, ...rp() }) },
      t.db,
    );
    expect(unnamed).toMatchObject({ ok: false, code: 'invalid_input', fields: { name: expect.any(String) } });
    expect(await keysOf(actor.id)).toHaveLength(0);
  });
});

describe('removing a passkey', () => {
  it("removes one's own with a step-up, tells the owner, and clears recovery codes with the last factor", async () => {
    const { actor, id } = await userWithPasskey(t.db);
    const result = await runAction(twoFactor.removePasskeyAction.definition, actor, { id }, t.db);
    expect(result).toMatchObject({ ok: true, data: { removed: id, name: 'Laptop' } });
    expect(await keysOf(actor.id)).toHaveLength(0);
    const row = await userRow(actor.id);
    expect(row.passkeyCount).toBe(0);
    expect(row.recoveryCodeHashes).toEqual([]);
    expect(await notices(actor.id)).toEqual(['passkey_added', 'passkey_removed']);
    expect(await authenticate(t.db, { username: actor.username, password: PASSWORD, ip: '10.8.0.1' })).toMatchObject({
      ok: true,
    });
  });

  it("answers 404 for another account's passkey and changes nothing", async () => {
    const owner = await userWithPasskey(t.db);
    const thief = await signedIn(t.db, await makeUser(t.db));
    const before = await snapshot(t.db);
    const result = await runAction(twoFactor.removePasskeyAction.definition, thief, { id: owner.id }, t.db);
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    expect(await snapshot(t.db)).toBe(before);
    expect(await keysOf(owner.actor.id)).toHaveLength(1);
  });

  it('needs a fresh step-up', async () => {
    const { actor, id } = await userWithPasskey(t.db);
    const stale = await signedIn(t.db, { ...actor, session: undefined }, 11 * MIN);
    const result = await runAction(twoFactor.removePasskeyAction.definition, stale, { id }, t.db);
    expect(result).toMatchObject({ ok: false, code: 'step_up_required' });
    expect(await keysOf(actor.id)).toHaveLength(1);
  });
});

describe('a step-up with a passkey', () => {
  it('proves this session only, once per challenge', async () => {
    const { actor, key } = await userWithPasskey(t.db);
    const mine = await signedIn(t.db, { ...actor, session: undefined }, 60 * MIN);
    const stolen = await signedIn(t.db, { ...actor, session: undefined }, 60 * MIN);
    const options = await runAction(account.passkeyStepUpOptionsAction.definition, mine, {}, t.db);
    if (!options.ok) throw new Error(options.message);
    const assertion = key.assert({ challenge: options.data.options.challenge, ...rp() });
    const prove = (who: typeof actor) => runAction(account.proveIdentityAction.definition, who, { assertion }, t.db);
    expect(await prove(stolen)).toMatchObject({ ok: false, code: 'invalid_input' });
    // The stolen session's attempt did not spend it: the challenge was never theirs.
    expect(await prove(mine)).toMatchObject({ ok: true, data: { method: 'passkey' } });
    expect(await prove(mine)).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});

describe('recovery stays safe', () => {
  it('a password reset keeps the passkey and the second step', async () => {
    const { actor } = await userWithPasskey(t.db);
    const address = await makeAddress(t.db, actor.id, `${unique('r')}@gmail.com`, { primary: true });
    await t.db.transaction((tx) =>
      requestPasswordReset({
        ctx: { tx, now: new Date(), clientIp: '10.8.0.2', appUrl: 'http://localhost:3000' },
        input: { input: actor.username },
      }),
    );
    const token = await latestToken(t.db, address.address);
    const password = 'a brand new password';
    await t.db.transaction((tx) =>
      completePasswordReset({ ctx: { tx, now: new Date() }, input: { token, password, confirm: password } }),
    );
    expect(await keysOf(actor.id)).toHaveLength(1);
    const signIn = await authenticate(t.db, { username: actor.username, password, ip: '10.8.0.3' });
    expect(signIn).toMatchObject({ ok: false, reason: 'two_factor_required' });
  });
});

describe('challenges', () => {
  it('expired ones are pruned by the hourly housekeeping, live ones kept', async () => {
    const now = new Date();
    const old = `${unique('old')}-challenge`;
    const live = `${unique('live')}-challenge`;
    await t.db.insert(webauthnChallenges).values([
      { challenge: old, purpose: 'sign_in', boundTo: 'x', expiresAt: new Date(now.getTime() - MIN) },
      { challenge: live, purpose: 'sign_in', boundTo: 'x', expiresAt: new Date(now.getTime() + MIN) },
    ]);
    const result = await pruneRecords(t.db, { now, resetAttemptRetentionDays: 90 });
    expect(result.webauthnChallenges).toBeGreaterThanOrEqual(1);
    const left = await t.db
      .select({ c: webauthnChallenges.challenge })
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.boundTo, 'x')));
    expect(left.map((r) => r.c)).toEqual([live]);
  });
});
