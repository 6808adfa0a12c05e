import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, emails, notifications } from '@/db/schema';
import { addAddress, RECOVERY_COOL_DOWN_MS } from '@/lib/addresses/add';
import { prepareNewAddress } from '@/lib/addresses/prepare-add';
import { removeAddress } from '@/lib/addresses/remove';
import { setRecoveryAddress } from '@/lib/addresses/set-recovery';
import type { UserActor } from '@/lib/auth/session';
import { getAccountOverview } from '@/lib/account/queries';
import type { Stage } from '@/core/domains';
import { completePasswordReset } from '@/lib/reset/complete';
import { requestPasswordReset } from '@/lib/reset/request';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, snapshot, unique } from './fixtures';
import { latestToken, mailsTo } from './mail-helpers';

// Holes 4 and 8: recovery changes are told to the account's other addresses; a new recovery address
// waits 72 hours while another one exists; a new custom domain is watched and checked before any
// link; and the reset gate sends nothing to a custom domain nobody has checked.

const t = setupTestDatabase();
const appUrl = 'https://registry.example';
const HOUR = 3600_000;
const tx = <T>(fn: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<T>) => t.db.transaction(fn);
const ask = (input: string, now = new Date()) =>
  tx((x) =>
    requestPasswordReset({
      ctx: { tx: x, now, clientIp: `10.9.${Math.floor(Math.random() * 250)}.1`, appUrl },
      input: { input },
    }),
  );
const noticesTo = async (address: string) =>
  (await mailsTo(t.db, address)).filter((m) => m.kind === 'account_change').map((m) => m.payload.event);

async function add(user: UserActor, address: string, stage: Stage = 'active', now = new Date()) {
  const checked: string[] = [];
  const checkDomain = async (domain: string) => {
    checked.push(domain);
    return { stage };
  };
  const prepared = await prepareNewAddress({ ctx: { db: t.db, checkDomain }, input: { address } });
  const added = await tx((x) =>
    addAddress({ ctx: { tx: x, actor: user, now, appUrl, check: prepared }, input: { address } }),
  );
  return { ...added, checked };
}

async function verifyNow(id: number, at = new Date()) {
  await t.db.update(emails).set({ verified: true, verifiedAt: at }).where(eq(emails.id, id));
}

describe('notices of recovery changes', () => {
  it('tell the other verified addresses that an address was added, never the new one', async () => {
    const user = await makeUser(t.db);
    const owner = await makeAddress(t.db, user.id, `${unique('o')}@gmail.com`, { primary: true });
    const unverified = await makeAddress(t.db, user.id, `${unique('n')}@gmail.com`, { verified: false });
    const added = await add(user, `${unique('thief')}@outlook.com`);
    expect(await noticesTo(owner.address)).toEqual(['address_added']);
    expect(await noticesTo(added.address)).toEqual([]);
    expect(await noticesTo(unverified.address)).toEqual([]);
    const [inApp] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, user.id),
          eq(notifications.channel, 'in_app'),
          eq(notifications.kind, 'account_change'),
        ),
      );
    expect(inApp?.payload).toMatchObject({ event: 'address_added', address: added.address });
  });

  it('tell every remaining address of a removal, and the others when an address is chosen for recovery', async () => {
    const user = await makeUser(t.db);
    const owner = await makeAddress(t.db, user.id, `${unique('o')}@gmail.com`, { primary: true });
    const other = await makeAddress(t.db, user.id, `${unique('x')}@gmail.com`, { useForRecovery: false });
    const gone = await makeAddress(t.db, user.id, `${unique('g')}@gmail.com`);
    await tx((x) => removeAddress({ ctx: { tx: x, actor: user, now: new Date() }, input: { emailId: gone.id } }));
    await tx((x) =>
      setRecoveryAddress({
        ctx: { tx: x, actor: user, now: new Date() },
        input: { emailId: other.id, useForRecovery: true },
      }),
    );
    expect(await noticesTo(owner.address)).toEqual(['recovery_on', 'address_removed']);
    expect(await noticesTo(other.address)).toEqual(['address_removed']);
    expect(await noticesTo(gone.address)).toEqual([]);
  });

  it('tell every verified address that the password was changed by a reset', async () => {
    const user = await makeUser(t.db);
    const a = await makeAddress(t.db, user.id, `${unique('a')}@gmail.com`, { primary: true });
    const b = await makeAddress(t.db, user.id, `${unique('b')}@gmail.com`, { useForRecovery: false });
    await ask(user.username);
    const token = await latestToken(t.db, a.address);
    await tx((x) =>
      completePasswordReset({
        ctx: { tx: x, now: new Date() },
        input: { token, password: 'a brand new password', confirm: 'a brand new password' },
      }),
    );
    expect(await noticesTo(a.address)).toEqual(['password_changed']);
    expect(await noticesTo(b.address)).toEqual(['password_changed']);
  });
});

describe('the recovery cool-down', () => {
  it('keeps reset links from an address added in the last 72 hours while another recovery address exists', async () => {
    const user = await makeUser(t.db);
    const owner = await makeAddress(t.db, user.id, `${unique('o')}@gmail.com`, { primary: true });
    const now = new Date();
    const thief = await add(user, `${unique('thief')}@outlook.com`, 'active', now);
    await verifyNow(thief.id, now);

    expect(await ask(user.username, new Date(now.getTime() + HOUR))).toEqual({
      outcome: 'sent',
      sentTo: [owner.address],
    });
    expect((await mailsTo(t.db, thief.address)).filter((m) => m.kind === 'password_reset')).toHaveLength(0);
    const page = await getAccountOverview(t.db, user.id, new Date(now.getTime() + HOUR));
    const row = page!.addresses.find((a) => a.id === thief.id)!;
    expect(row).toMatchObject({
      canReceiveReset: false,
      resetHoldUntil: new Date(now.getTime() + RECOVERY_COOL_DOWN_MS),
    });

    // After 72 hours it receives links like the others.
    const later = new Date(now.getTime() + RECOVERY_COOL_DOWN_MS + HOUR);
    expect((await ask(user.username, later)).sentTo.sort()).toEqual([owner.address, thief.address].sort());
  });

  it('starts again when an address is chosen for recovery, and does not lock out an account with no other address', async () => {
    const user = await makeUser(t.db);
    const only = await makeAddress(t.db, user.id, `${unique('o')}@gmail.com`, { primary: true, useForRecovery: false });
    await tx((x) =>
      setRecoveryAddress({
        ctx: { tx: x, actor: user, now: new Date() },
        input: { emailId: only.id, useForRecovery: true },
      }),
    );
    const [row] = await t.db.select().from(emails).where(eq(emails.id, only.id));
    expect(row!.recoveryHoldUntil!.getTime()).toBeGreaterThan(Date.now() + RECOVERY_COOL_DOWN_MS - HOUR);
    // Its only recovery address: the owner still gets the link.
    expect(await ask(user.username)).toEqual({ outcome: 'sent', sentTo: [only.address] });
  });
});

describe('custom domains are watched before they are trusted', () => {
  it('checks a new custom domain before the verification link is queued, and refuses a lapsing one', async () => {
    const user = await makeUser(t.db);
    const fresh = `${unique('fresh')}.dev`;
    const added = await add(user, `me@${fresh}`, 'active');
    expect(added.checked).toEqual([fresh]);
    const lapsing = `${unique('lapsing')}.dev`;
    const before = await snapshot(t.db);
    await expect(add(user, `me@${lapsing}`, 'redemption')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('its registration lapsed or changed hands'),
    });
    await expect(add(user, `me@${lapsing}`, 'unknown')).rejects.toMatchObject({
      code: 'provider_unavailable',
      message: expect.stringContaining('could not check'),
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('does not check a big provider\u2019s domain (never watched)', async () => {
    const user = await makeUser(t.db);
    expect((await add(user, `${unique('b')}@gmail.com`)).checked).toEqual([]);
  });

  it('sends no reset link to a custom domain never checked, lapsing or unknown; only to one last seen active', async () => {
    const user = await makeUser(t.db);
    const backup = await makeAddress(t.db, user.id, `${unique('b')}@gmail.com`, { primary: true });
    const cases: [Stage | null, boolean][] = [
      [null, false],
      ['unknown', false],
      ['grace', false],
      ['redemption', false],
      ['re_registered', false],
      ['expiring', true],
      ['active', true],
    ];
    for (const [stage, receives] of cases) {
      const domain = `${unique(stage ?? 'unwatched')}.dev`.replace('_', '-');
      const email = await makeAddress(t.db, user.id, `dev@${domain}`, { domainStage: stage === null ? null : stage });
      await t.db.update(emails).set({ recoveryHoldUntil: null }).where(eq(emails.id, email.id));
      const result = await ask(`dev@${domain}`);
      expect(result.sentTo.includes(email.address), `${stage}`).toBe(receives);
      expect(result.sentTo).toContain(backup.address);
      if (!receives) expect(result.outcome, `${stage}`).toBe('refused_domain');
      await t.db.delete(emails).where(eq(emails.id, email.id));
      await t.db.delete(domains).where(eq(domains.name, domain));
    }
  });
});
