import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { open } from '@/lib/auth/secret-box';
import type { UserActor } from '@/lib/auth/session';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { disableTwoFactor, regenerateRecoveryCodes } from '@/lib/twofactor/disable';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, PASSWORD, snapshot } from './fixtures';

const t = setupTestDatabase();
const tx = <T>(fn: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<T>) => t.db.transaction(fn);
type Tx = Parameters<Parameters<typeof t.db.transaction>[0]>[0];
const ctxOf = (x: Tx, actor: UserActor) => ({ tx: x, actor, now: new Date() });
const userRow = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
/** The code an authenticator shows `steps` periods from now (each accepted step can be used once). */
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
const login = (username: string, code?: string, ip = '10.0.0.1') =>
  authenticate(t.db, { username, password: PASSWORD, code, ip });

async function enrolled(): Promise<{ actor: UserActor; secret: string; codes: string[] }> {
  const actor = await makeUser(t.db);
  const { secret } = await tx((x) => startTwoFactorEnrolment({ ctx: ctxOf(x, actor), input: {} }));
  const code = await codeAt(secret, -1);
  const { recoveryCodes } = await tx((x) => confirmTwoFactor({ ctx: ctxOf(x, actor), input: { code } }));
  return { actor, secret, codes: recoveryCodes ?? [] };
}

describe('enrolling in TOTP', () => {
  it('stores the secret sealed and changes nothing at login until a code confirms it', async () => {
    const actor = await makeUser(t.db);
    const started = await tx((x) => startTwoFactorEnrolment({ ctx: ctxOf(x, actor), input: {} }));
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.uri).toBe(
      `otpauth://totp/Gravekeeper:${actor.username}?secret=${started.secret}&issuer=Gravekeeper`,
    );
    expect(started.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = await userRow(actor.id);
    expect(row.totpEnabled).toBe(false);
    expect(row.totpSecretEnc).not.toContain(started.secret);
    expect(open(row.totpSecretEnc!)).toBe(started.secret);
    expect(await login(actor.username)).toMatchObject({ ok: true });
  });

  it('refuses a wrong code, then turns on with a right one and returns ten recovery codes stored hashed', async () => {
    const actor = await makeUser(t.db);
    const { secret } = await tx((x) => startTwoFactorEnrolment({ ctx: ctxOf(x, actor), input: {} }));
    const wrong = String((Number(await codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    await expect(tx((x) => confirmTwoFactor({ ctx: ctxOf(x, actor), input: { code: wrong } }))).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await userRow(actor.id)).totpEnabled).toBe(false);
    const right = await codeAt(secret);
    const { recoveryCodes } = await tx((x) => confirmTwoFactor({ ctx: ctxOf(x, actor), input: { code: right } }));
    expect(recoveryCodes).toHaveLength(10);
    const row = await userRow(actor.id);
    expect(row.totpEnabled).toBe(true);
    expect(row.recoveryCodeHashes).toHaveLength(10);
    for (const code of recoveryCodes ?? []) expect(JSON.stringify(row)).not.toContain(code);
    await expect(tx((x) => startTwoFactorEnrolment({ ctx: ctxOf(x, actor), input: {} }))).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('signing in with TOTP on', () => {
  it('asks for the code, accepts a current one once, and refuses its replay', async () => {
    const { actor, secret } = await enrolled();
    expect(await login(actor.username)).toEqual({ ok: false, reason: 'two_factor_required' });
    const code = await codeAt(secret, 1);
    expect(await login(actor.username, code)).toMatchObject({ ok: true });
    // The password was right: a wrong or replayed code is told apart (the login form says so).
    expect(await login(actor.username, code)).toEqual({ ok: false, reason: 'code_invalid' });
    expect(await login(actor.username, '000000')).toEqual({ ok: false, reason: 'code_invalid' });
  });

  it('accepts each recovery code once, typed any way', async () => {
    const { actor, codes } = await enrolled();
    const [first, second] = codes as [string, string];
    expect(await login(actor.username, first.toUpperCase().replace('-', ' '))).toMatchObject({ ok: true });
    expect(await login(actor.username, first)).toEqual({ ok: false, reason: 'code_invalid' });
    expect(await login(actor.username, second)).toMatchObject({ ok: true });
    expect((await userRow(actor.id)).recoveryCodeHashes).toHaveLength(8);
  });
});

describe('turning TOTP off and replacing recovery codes', () => {
  it('needs a current code: a session alone changes nothing', async () => {
    const { actor, secret } = await enrolled();
    const before = await snapshot(t.db);
    await expect(
      tx((x) => disableTwoFactor({ ctx: ctxOf(x, actor), input: { code: '123456' } })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      tx((x) => disableTwoFactor({ ctx: ctxOf(x, actor), input: { code: 'abcde-fghjk' } })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await snapshot(t.db)).toBe(before);
    await tx(async (x) => disableTwoFactor({ ctx: ctxOf(x, actor), input: { code: await codeAt(secret, 1) } }));
    const row = await userRow(actor.id);
    expect(row).toMatchObject({ totpEnabled: false, totpSecretEnc: null, recoveryCodeHashes: [] });
    expect(await login(actor.username)).toMatchObject({ ok: true });
  });

  it('accepts a recovery code to turn it off (the phone is lost)', async () => {
    const { actor, codes } = await enrolled();
    await tx((x) => disableTwoFactor({ ctx: ctxOf(x, actor), input: { code: codes[3]! } }));
    expect((await userRow(actor.id)).totpEnabled).toBe(false);
  });

  it('replaces all recovery codes behind a current code; the old ones stop working', async () => {
    const { actor, secret, codes } = await enrolled();
    const { recoveryCodes } = await tx(async (x) =>
      regenerateRecoveryCodes({ ctx: ctxOf(x, actor), input: { code: await codeAt(secret, 1) } }),
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(await login(actor.username, codes[0])).toEqual({ ok: false, reason: 'code_invalid' });
    expect(await login(actor.username, recoveryCodes[0])).toMatchObject({ ok: true });
  });
});
