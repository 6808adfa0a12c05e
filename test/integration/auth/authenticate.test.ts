import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, loginThrottles, users } from '@/db/schema';
import { authenticate, LOGIN_LIMITS, LOGIN_THROTTLE } from '@/lib/auth/authenticate';
import { issueDeviceCookie } from '@/lib/auth/device-cookie';
import { hashPassword } from '@/lib/auth/password';
import { setupTestDatabase } from '../../support/test-db';

process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';

const t = setupTestDatabase();
const RIGHT = 'correct horse battery';
const FREE = LOGIN_THROTTLE.account.delayAfter;

async function makeUser(username: string, password = RIGHT) {
  await t.db
    .insert(users)
    .values({ username, name: username, role: 'staff', passwordHash: await hashPassword(password) });
}
/** A stranger: a new address every time, no device cookie. */
const stranger = (username: string, password: string, i: number) =>
  authenticate(t.db, { username, password, ip: `10.77.${i >> 8}.${i & 255}` });
const endBlock = (key: string) =>
  t.db
    .update(loginThrottles)
    .set({ blockedUntil: new Date(Date.now() - 1000) })
    .where(eq(loginThrottles.key, key));
/**
 * Fails `attempt` until `key` is blocked for a minute or more, ending each block at once in between,
 * so what follows runs well inside a block however slow the machine is.
 */
async function failUntilLongBlock(key: string, attempt: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 40; i += 1) {
    await endBlock(key);
    expect(await attempt(i)).toEqual({ ok: false, reason: 'invalid' });
    const [row] = await t.db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
    if (row?.blockedUntil && row.blockedUntil.getTime() - Date.now() > 60_000) return i + 1;
  }
  throw new Error(`${key} never blocked for a minute`);
}

describe('authenticate', () => {
  it('signs in with the right password and records the login', async () => {
    await makeUser('rita');
    const result = await authenticate(t.db, { username: 'rita', password: RIGHT, ip: '10.0.0.1' });
    expect(result).toMatchObject({ ok: true, user: { username: 'rita', role: 'staff' } });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(entries.map((e) => e.actorLabel)).toContain('rita');
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    await makeUser('sven');
    const wrong = await authenticate(t.db, { username: 'sven', password: 'nope nope nope', ip: '10.0.0.2' });
    const unknown = await authenticate(t.db, { username: 'nobody-here', password: 'nope nope nope', ip: '10.0.0.2' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('rate-limits one address trying many usernames', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) {
      await authenticate(t.db, { username: `spray${i}`, password: 'x', ip: '10.9.9.9' });
    }
    await makeUser('uma');
    expect(await authenticate(t.db, { username: 'uma', password: RIGHT, ip: '10.9.9.9' })).toMatchObject({
      ok: false,
      reason: 'rate_limited',
    });
    expect(await authenticate(t.db, { username: 'uma', password: RIGHT, ip: '10.9.9.8' })).toMatchObject({ ok: true });
  });
});

describe('per-account throttling (device cookies)', () => {
  it("stops a stranger's guessing with a delay, for a known and an unknown username alike", async () => {
    await makeUser('tara');
    const counts: number[] = [];
    for (const username of ['tara', 'no-such-tara']) {
      counts.push(await failUntilLongBlock(`user:${username}`, (i) => stranger(username, `guess ${i}`, i)));
      // Blocked attempts never reach the password: the right one gets the same answer as a guess.
      const guess = await stranger(username, 'guess 99', 99);
      const right = await stranger(username, RIGHT, 100);
      expect(guess).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' });
      expect(right).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' });
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("lets the owner in from their own browser through the attacker's lockout, but not with a forged or someone else's cookie", async () => {
    await makeUser('owen');
    await makeUser('mallory');
    const owensDevice = issueDeviceCookie('owen');
    const mallorysDevice = issueDeviceCookie('mallory');
    await failUntilLongBlock('user:owen', (i) => stranger('owen', `guess ${i}`, i));
    expect(await stranger('owen', RIGHT, 50)).toMatchObject({ reason: 'throttled', scope: 'account' });

    const forged = `${owensDevice.slice(0, -4)}AAAA`;
    const swapped = owensDevice
      .replace(/^[^.]+/, Buffer.from('owen').toString('base64url'))
      .replace(/\.[^.]+\./, `.${mallorysDevice.split('.')[1]}.`);
    for (const deviceCookie of [forged, mallorysDevice, swapped, 'owen', '']) {
      expect(
        await authenticate(t.db, { username: 'owen', password: RIGHT, ip: '10.5.0.1', deviceCookie }),
      ).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' });
    }
    const owner = await authenticate(t.db, {
      username: 'owen',
      password: RIGHT,
      ip: '10.5.0.1',
      deviceCookie: owensDevice,
    });
    expect(owner).toMatchObject({ ok: true, user: { username: 'owen' } });
    // The owner's success does not wipe the strangers' count: they are still held off.
    expect(await stranger('owen', RIGHT, 60)).toMatchObject({ reason: 'throttled', scope: 'account' });
  });

  it('gives a device its own, separate delay', async () => {
    await makeUser('dora');
    const device = issueDeviceCookie('dora');
    const deviceKey = `device:${device.split('.')[1]}`;
    await failUntilLongBlock(deviceKey, () =>
      authenticate(t.db, { username: 'dora', password: 'typo', ip: '10.6.0.1', deviceCookie: device }),
    );
    expect(
      await authenticate(t.db, { username: 'dora', password: RIGHT, ip: '10.6.0.1', deviceCookie: device }),
    ).toMatchObject({ reason: 'throttled', scope: 'device' });
    // Strangers' count for the account was never touched, and another device of the owner is fine.
    expect(
      await authenticate(t.db, {
        username: 'dora',
        password: RIGHT,
        ip: '10.6.0.2',
        deviceCookie: issueDeviceCookie('dora'),
      }),
    ).toMatchObject({ ok: true });
    expect(await stranger('dora', RIGHT, 1)).toMatchObject({ ok: true });
  });

  it('doubles the wait with each failure after the first few', async () => {
    await makeUser('gil');
    const delays: number[] = [];
    for (let i = 0; i < FREE + 4; i += 1) {
      // Let any wait pass without waiting (the block ends now, the failure count stays), then fail again.
      await endBlock('user:gil');
      expect(await stranger('gil', `guess ${i}`, i)).toEqual({ ok: false, reason: 'invalid' });
      const [row] = await t.db.select().from(loginThrottles).where(eq(loginThrottles.key, 'user:gil'));
      delays.push(row!.blockedUntil ? (row!.blockedUntil.getTime() - row!.lastFailureAt.getTime()) / 1000 : 0);
    }
    expect(delays).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16].slice(-(FREE + 4)));
    expect(await stranger('gil', RIGHT, 99)).toMatchObject({ reason: 'throttled', scope: 'account' });
  });

  it('starts over after a success from a new device', async () => {
    await makeUser('hal');
    for (let i = 0; i < FREE - 1; i += 1) await stranger('hal', `guess ${i}`, i);
    expect(await stranger('hal', RIGHT, 10)).toMatchObject({ ok: true });
    for (let i = 0; i < FREE - 1; i += 1)
      expect(await stranger('hal', `guess ${i}`, 20 + i)).toEqual({ ok: false, reason: 'invalid' });
  });
});
