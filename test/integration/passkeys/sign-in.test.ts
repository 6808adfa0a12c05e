import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, passkeys, signInEvents, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { authenticateCode } from '@/lib/auth/authenticate-code';
import { authenticatePasskey } from '@/lib/auth/authenticate-passkey';
import { userHandle } from '@/lib/passkeys/relying-party';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { setupTestDatabase } from '../../support/test-db';
import { PASSWORD } from '../account/fixtures';
import { rp, signInOptions, userWithPasskey } from './helpers';

// The promise of a passkey: only this site's own challenge, answered once by the key registered to
// the account, signs in. Each attack below is what a phisher, a replayer or a cloner would try.

const t = setupTestDatabase();
const alone = (assertion: unknown, binding: string, ip = '10.9.0.1') =>
  authenticatePasskey(t.db, { assertion: JSON.stringify(assertion), binding, ip });

describe('signing in with a passkey alone', () => {
  it('signs in the passkey owner, records it, and counts the use', async () => {
    const { actor, key } = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    const result = await alone(key.assert({ challenge, ...rp() }), binding);
    expect(result).toMatchObject({ ok: true, user: { id: actor.id, username: actor.username } });
    const [row] = await t.db.select().from(passkeys).where(eq(passkeys.userId, actor.id));
    expect(row?.counter).toBe(1);
    expect(row?.lastUsedAt).not.toBeNull();
    const events = await t.db.select().from(signInEvents).where(eq(signInEvents.userId, actor.id));
    expect(events.map((e) => e.outcome)).toEqual(['signed_in']);
  });

  it('refuses a replayed assertion: the challenge was spent by the first', async () => {
    const { key } = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    const assertion = key.assert({ challenge, ...rp() });
    expect(await alone(assertion, binding)).toMatchObject({ ok: true });
    expect(await alone(assertion, binding)).toEqual({ ok: false, reason: 'passkey_refused' });
  });

  it('refuses an answer posted from another browser than the one that asked for the challenge', async () => {
    const { key } = await userWithPasskey(t.db);
    const { challenge } = await signInOptions(t.db);
    const theirs = await signInOptions(t.db);
    expect(await alone(key.assert({ challenge, ...rp() }), theirs.binding)).toEqual({
      ok: false,
      reason: 'passkey_refused',
    });
  });

  it('refuses an assertion made for another origin (a look-alike site relaying our challenge)', async () => {
    const { key } = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    const phished = key.assert({ challenge, origin: 'https://pypj.org', rpId: rp().rpId });
    expect(await alone(phished, binding)).toEqual({ ok: false, reason: 'passkey_refused' });
  });

  it('refuses an assertion scoped to another RP ID', async () => {
    const { key } = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    const other = key.assert({ challenge, origin: rp().origin, rpId: 'pypj.org' });
    expect(await alone(other, binding)).toEqual({ ok: false, reason: 'passkey_refused' });
  });

  it('refuses without user verification: the passkey alone must be both factors', async () => {
    const { key } = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    expect(await alone(key.assert({ challenge, ...rp() }, { userVerified: false }), binding)).toEqual({
      ok: false,
      reason: 'passkey_refused',
    });
  });

  it('refuses a counter that went backwards (a cloned key) and records it for the owner and staff', async () => {
    const { actor, key } = await userWithPasskey(t.db);
    const first = await signInOptions(t.db);
    key.counter = 40;
    expect(await alone(key.assert({ challenge: first.challenge, ...rp() }), first.binding)).toMatchObject({ ok: true });
    const second = await signInOptions(t.db);
    const clone = key.assert({ challenge: second.challenge, ...rp() }, { counter: 12 });
    expect(await alone(clone, second.binding)).toEqual({ ok: false, reason: 'passkey_refused' });
    const [row] = await t.db.select().from(passkeys).where(eq(passkeys.userId, actor.id));
    expect(row?.counter).toBe(41);
    const events = await t.db.select().from(signInEvents).where(eq(signInEvents.userId, actor.id));
    expect(events.map((e) => e.outcome).sort()).toEqual(['passkey_cloned', 'signed_in']);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'passkey.counter_regression'), eq(auditLog.targetId, String(actor.id))));
    expect(audit).toHaveLength(1);
  });

  it('never signs in as user B with the passkey of user A, whatever user handle it claims', async () => {
    const a = await userWithPasskey(t.db);
    const b = await userWithPasskey(t.db);
    const { binding, challenge } = await signInOptions(t.db);
    const forged = a.key.assert({ challenge, ...rp() }, { userHandle: userHandle(b.actor.id) });
    expect(await alone(forged, binding)).toEqual({ ok: false, reason: 'passkey_refused' });
  });

  it('refuses a key that is not registered here, telling nothing of any account', async () => {
    const stranger = new SoftAuthenticator(userHandle(1));
    const { binding, challenge } = await signInOptions(t.db);
    expect(await alone(stranger.assert({ challenge, ...rp() }), binding)).toEqual({
      ok: false,
      reason: 'passkey_refused',
    });
  });

  it('refuses a malformed answer before looking anything up', async () => {
    const { binding } = await signInOptions(t.db);
    await expect(authenticatePasskey(t.db, { assertion: '{"id":"x"}', binding, ip: '10.9.0.1' })).rejects.toThrow();
  });
});

describe('password, then a passkey as the second step', () => {
  const passwordStep = (username: string, binding: string) =>
    authenticate(t.db, { username, password: PASSWORD, ip: '10.9.0.2', binding });

  it('asks for a second step offering the passkey, and signs in with it', async () => {
    const { actor, key } = await userWithPasskey(t.db);
    const binding = 'browser-binding-value-1';
    const first = await passwordStep(actor.username, binding);
    expect(first).toMatchObject({ ok: false, reason: 'two_factor_required' });
    const ticket = (first as { ticket: string }).ticket;
    const { challenge } = await signInOptions(t.db, { ticket, binding });
    const result = await authenticateCode(t.db, {
      ticket,
      assertion: JSON.stringify(key.assert({ challenge, ...rp() })),
      binding,
      ip: '10.9.0.2',
    });
    expect(result).toMatchObject({ ok: true, user: { id: actor.id } });
  });

  it("refuses user A's passkey as the second step of user B's password", async () => {
    const a = await userWithPasskey(t.db);
    const b = await userWithPasskey(t.db);
    const binding = 'browser-binding-value-2';
    const first = await passwordStep(b.actor.username, binding);
    const ticket = (first as { ticket: string }).ticket;
    const { challenge } = await signInOptions(t.db, { ticket, binding });
    const result = await authenticateCode(t.db, {
      ticket,
      assertion: JSON.stringify(a.key.assert({ challenge, ...rp() })),
      binding,
      ip: '10.9.0.2',
    });
    expect(result).toMatchObject({ ok: false, reason: 'code_invalid' });
    const events = await t.db.select().from(signInEvents).where(eq(signInEvents.userId, b.actor.id));
    expect(events.map((e) => e.outcome)).toContain('passkey_refused');
  });

  it('refuses a sign-in challenge (passkey alone) answered as the second step', async () => {
    const { actor, key } = await userWithPasskey(t.db);
    const binding = 'browser-binding-value-3';
    const ticket = ((await passwordStep(actor.username, binding)) as { ticket: string }).ticket;
    const { challenge } = await signInOptions(t.db, { binding });
    const result = await authenticateCode(t.db, {
      ticket,
      assertion: JSON.stringify(key.assert({ challenge, ...rp() })),
      binding,
      ip: '10.9.0.2',
    });
    expect(result).toMatchObject({ ok: false, reason: 'code_invalid' });
  });

  it('accepts a recovery code instead when the passkey is lost', async () => {
    const { actor, recoveryCodes } = await userWithPasskey(t.db);
    expect(recoveryCodes).toHaveLength(10);
    const binding = 'browser-binding-value-4';
    const ticket = ((await passwordStep(actor.username, binding)) as { ticket: string }).ticket;
    const result = await authenticateCode(t.db, { ticket, code: recoveryCodes![0]!, binding, ip: '10.9.0.2' });
    expect(result).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(users).where(eq(users.id, actor.id));
    expect(row?.recoveryCodeHashes).toHaveLength(9);
  });
});
