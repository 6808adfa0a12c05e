import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, flags, notifications } from '@/db/schema';
import { unverifyAddresses } from '@/lib/addresses/unverify';
import type { Actor } from '@/lib/auth/actor';
import { notifyFlagUsers } from '@/lib/flags/notify';
import { renderMail } from '@/lib/notify/templates';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, unique } from './fixtures';

// A notice about a flagged address goes to the owner's other addresses. Its advice is worded by what
// the account already has: to someone whose backup is at a big provider (where this very mail goes),
// "keep it", not "add a backup address at a big provider".

const t = setupTestDatabase();
const ADD_ONE = /add a backup (email )?address at a (big|large) provider/i;

async function flaggedAccount(others: { address: string; recovery?: boolean }[]) {
  const user = await makeUser(t.db);
  const flagged = await makeAddress(t.db, user.id, `me@${unique('lapsed')}.dev`, {
    primary: true,
    flag: { state: 'open', stage: 'redemption' },
  });
  for (const o of others) await makeAddress(t.db, user.id, o.address, { useForRecovery: o.recovery ?? true });
  const [flag] = await t.db.select({ id: flags.id }).from(flags).where(eq(flags.emailId, flagged.id));
  return { user, flagged, flagId: flag!.id };
}

/** The staff notice as each of its mails renders it, by recipient. */
async function staffNoticeMails(flagId: number, userId: number) {
  const staff = await makeUser(t.db, 'staff');
  await t.db.transaction((tx) =>
    notifyFlagUsers({ ctx: { tx, actor: staff, now: new Date() }, input: { flagIds: [flagId] } }),
  );
  const rows = await t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'staff_notice')));
  return rows.map((r) => ({
    to: r.address,
    channel: r.channel,
    text: renderMail({
      kind: r.kind,
      payload: r.payload,
      recipientName: null,
      appUrl: 'https://gk.example',
      link: null,
    }).text,
  }));
}

describe('the staff notice', () => {
  it('tells an owner whose backup is at a big provider to keep it, in the mail to that very address', async () => {
    const backup = `${unique('b')}@gmail.com`;
    const { user, flagged, flagId } = await flaggedAccount([{ address: backup }]);
    const mails = await staffNoticeMails(flagId, user.id);
    expect(mails.map((m) => m.to).sort()).toEqual([backup, null].sort());
    expect(mails.map((m) => m.to)).not.toContain(flagged.address);
    for (const m of mails) {
      expect(m.text).not.toMatch(ADD_ONE);
      expect(m.text).toContain(`Keep ${backup}: it is at a big provider`);
      expect(m.text).toContain('Turn on two-factor authentication');
    }
  });

  it('asks to choose the big-provider address for resets when the owner has not', async () => {
    const backup = `${unique('nr')}@outlook.com`;
    const { user, flagId } = await flaggedAccount([{ address: backup, recovery: false }]);
    for (const m of await staffNoticeMails(flagId, user.id)) {
      expect(m.text).not.toMatch(ADD_ONE);
      expect(m.text).toContain(`Choose ${backup} for password resets`);
    }
  });

  it('asks to add a backup at a big provider when the owner has none (the mail goes to their own domain)', async () => {
    const own = `me@${unique('own')}.dev`;
    const { user, flagId } = await flaggedAccount([{ address: own }]);
    const mails = await staffNoticeMails(flagId, user.id);
    expect(mails.find((m) => m.channel === 'email')?.to).toBe(own);
    for (const m of mails) expect(m.text).toMatch(ADD_ONE);
  });

  it('does not count a flagged or unverified big-provider address as a backup', async () => {
    const user = await makeUser(t.db);
    const flagged = await makeAddress(t.db, user.id, `me@${unique('lapsed')}.dev`, {
      primary: true,
      flag: { state: 'open', stage: 'redemption' },
    });
    await makeAddress(t.db, user.id, `${unique('u')}@gmail.com`, { verified: false });
    const [flag] = await t.db.select({ id: flags.id }).from(flags).where(eq(flags.emailId, flagged.id));
    for (const m of await staffNoticeMails(flag!.id, user.id)) expect(m.text).toMatch(ADD_ONE);
  });
});

describe('the "address unverified" notice', () => {
  const job: Actor = { type: 'job', name: 'test' };
  async function unverifiedNotice(others: { address: string; recovery?: boolean }[]) {
    const user = await makeUser(t.db);
    const lapsed = await makeAddress(t.db, user.id, `me@${unique('gone')}.dev`, { primary: true });
    for (const o of others) await makeAddress(t.db, user.id, o.address, { useForRecovery: o.recovery ?? true });
    await t.db.transaction((tx) =>
      unverifyAddresses({
        ctx: { tx, actor: job, now: new Date() },
        input: {
          reason: 'domain_lifecycle',
          addresses: [
            {
              emailId: lapsed.id,
              userId: user.id,
              address: lapsed.address,
              domain: lapsed.domain,
              stage: 'redemption',
              expiresAt: null,
              checkStartedAt: null,
            },
          ],
        },
      }),
    );
    const rows = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.emailId, lapsed.id), eq(notifications.kind, 'address_unverified')));
    return rows.map((r) => ({
      to: r.address,
      text: renderMail({
        kind: r.kind,
        payload: r.payload,
        recipientName: null,
        appUrl: 'https://gk.example',
        link: null,
      }).text,
    }));
  }

  it('is worded by what the account has, like the staff notice', async () => {
    const backup = `${unique('b')}@proton.me`;
    const withBackup = await unverifiedNotice([{ address: backup }]);
    expect(withBackup.map((m) => m.to)).toContain(backup);
    for (const m of withBackup) {
      expect(m.text).not.toMatch(ADD_ONE);
      expect(m.text).toContain(`Keep ${backup}`);
      expect(m.text).toContain(`${backup} is now your primary address in its place`);
    }
    const own = `x@${unique('own')}.dev`;
    for (const m of await unverifiedNotice([{ address: own }])) {
      expect(m.text).toMatch(ADD_ONE);
      // The primary still moves: to the only good address, which is at a domain of their own.
      expect(m.text).toContain(`${own} is now your primary address`);
    }
    const [row] = await t.db.select().from(emails).where(eq(emails.address, own));
    expect(row?.isPrimary).toBe(true);
  });
});
