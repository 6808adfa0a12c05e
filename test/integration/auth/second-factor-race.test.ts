import { eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { issueDeviceCookie } from '@/lib/auth/device-cookie';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { disableTwoFactor } from '@/lib/twofactor/disable';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, PASSWORD } from '../account/fixtures';

// Hole 7: a code checked on a row read before another request's update could be accepted twice.
// Each burst runs ten sign-ins at once over the pool's separate connections; the old
// read-then-write let every one of them pass the check on the row it had read.

const t = setupTestDatabase();
const PARALLEL = 10;
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function enrolled() {
  const actor = await makeUser(t.db);
  const { secret } = await t.db.transaction((x) =>
    startTwoFactorEnrolment({ ctx: { tx: x, actor, now: new Date() }, input: {} }),
  );
  const { recoveryCodes } = await t.db.transaction(async (x) =>
    confirmTwoFactor({ ctx: { tx: x, actor, now: new Date() }, input: { code: await codeAt(secret, -1) } }),
  );
  return { actor, secret, codes: recoveryCodes ?? [] };
}
// Each from its own address and known device, so only the code decides (not the per-address,
// per-account or per-device limits).
const burst = (username: string, code: string) =>
  Promise.all(
    Array.from({ length: PARALLEL }, (_, i) =>
      authenticate(t.db, {
        username,
        password: PASSWORD,
        code,
        ip: `10.88.0.${i}`,
        deviceCookie: issueDeviceCookie(username),
      }),
    ),
  );

/** Waits until `n` statements of this database wait on a row lock (the held row, here). */
async function waitForLockWaiters(n: number) {
  for (let i = 0; i < 600; i += 1) {
    const rows = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} statements came to wait on the held row within 30 s`);
}

describe('second factor under parallel use', () => {
  it('accepts one TOTP code once when fired ten times at once', async () => {
    const { actor, secret } = await enrolled();
    const results = await burst(actor.username, await codeAt(secret, 1));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toHaveLength(PARALLEL - 1);
  });

  it('consumes one recovery code once when fired ten times at once', async () => {
    const { actor, codes } = await enrolled();
    const results = await burst(actor.username, codes[0]!);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [row] = await t.db.select().from(users).where(eq(users.id, actor.id));
    expect(row!.recoveryCodeHashes).toHaveLength(codes.length - 1);
  });

  it('does not let a code that signed in also turn 2FA off at the same moment', async () => {
    const { actor, codes } = await enrolled();
    const code = codes[1]!;
    // Both must have read the row with 2FA on before either writes: a third connection holds the
    // row until both wait on it (otherwise, under load, the disable could commit before the sign-in
    // even reads the row, and a password sign-in without 2FA would be a different, legitimate case).
    let signIn!: Promise<Awaited<ReturnType<typeof authenticate>>>;
    let disable!: Promise<unknown>;
    await t.db.transaction(async (holder) => {
      await holder.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
      signIn = authenticate(t.db, { username: actor.username, password: PASSWORD, code, ip: '10.88.1.1' });
      disable = t.db.transaction((x) => disableTwoFactor({ ctx: { tx: x, actor, now: new Date() }, input: { code } }));
      await waitForLockWaiters(2);
    });
    const [signedIn, disabled] = await Promise.allSettled([signIn, disable]);
    const accepted =
      Number(signedIn.status === 'fulfilled' && signedIn.value.ok) + Number(disabled.status === 'fulfilled');
    expect(accepted).toBe(1);
  });
});
