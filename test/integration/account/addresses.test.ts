import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, domainLists, emails, tokens } from '@/db/schema';
import { addAddress } from '@/lib/addresses/add';
import { type FreshDomainCheck, prepareNewAddress } from '@/lib/addresses/prepare-add';
import type { UserActor } from '@/lib/auth/session';
import type { CheckDomainNow } from '@/lib/addresses/domain-gate';
import { removeAddress } from '@/lib/addresses/remove';
import { requestVerification } from '@/lib/addresses/request-verification';
import { setPrimaryAddress } from '@/lib/addresses/set-primary';
import { setRecoveryAddress } from '@/lib/addresses/set-recovery';
import { confirmVerification } from '@/lib/addresses/verify';
import { SEALED_LINK_KEY } from '@/lib/notify/queue-mail';
import { setupTestDatabase } from '../../support/test-db';
import { emailRow, makeAddress, makeDomain, makeUser, snapshot, unique } from './fixtures';
import { latestToken, mailsTo } from './mail-helpers';

const t = setupTestDatabase();
const appUrl = 'https://registry.example';
const tx = <T>(fn: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<T>) => t.db.transaction(fn);
const noCheck: CheckDomainNow = async () => {
  throw new Error('no domain check expected');
};
// What the add action does: prepare (a live check of a custom domain) outside the transaction, then the verb.
const add = async (user: UserActor, address: string, check: FreshDomainCheck = noCheck) => {
  const prepared = await prepareNewAddress(t.db, address, check);
  return tx((x) => addAddress(x, user, { address }, { appUrl, check: prepared }));
};

describe('adding an address', () => {
  it('stores it normalised and unverified, and mails a single-use link only to it', async () => {
    const user = await makeUser(t.db);
    const added = await add(user, '  Morgan.Backup@GMAIL.com ');
    expect(added.address).toBe('morgan.backup@gmail.com');
    const row = await emailRow(t.db, added.id);
    expect(row).toMatchObject({ verified: false, domain: 'gmail.com', isPrimary: true, userId: user.id });
    const [mail, ...others] = await mailsTo(t.db, 'morgan.backup@gmail.com');
    expect(others).toHaveLength(0);
    expect(mail).toMatchObject({ kind: 'verify_address', state: 'queued', userId: user.id });
    const token = await latestToken(t.db, 'morgan.backup@gmail.com');
    // The link's token is in neither the payload in clear nor the tokens table.
    expect(JSON.stringify(mail!.payload)).not.toContain(token);
    expect(JSON.stringify(await t.db.select().from(tokens).where(eq(tokens.userId, user.id)))).not.toContain(token);
    expect(mail!.payload[SEALED_LINK_KEY]).toEqual(expect.any(String));
  });

  it('refuses a blocked domain with a clear message, changing nothing', async () => {
    await t.db.insert(domainLists).values({ domain: 'mailinator.com', list: 'blocked', note: 'disposable mail' });
    const user = await makeUser(t.db);
    const before = await snapshot(t.db);
    await expect(add(user, 'me@sub.mailinator.com')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Addresses at mailinator.com cannot be added: disposable mail. Use an address at another domain.',
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses a domain last seen lapsing, a malformed address, and an address already in use', async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await makeDomain(t.db, 'gone-away.dev', 'redemption');
    await makeAddress(t.db, other.id, 'taken@proton.me');
    await makeAddress(t.db, user.id, 'mine@proton.me');
    const before = await snapshot(t.db);
    await expect(add(user, 'x@gone-away.dev', async () => ({ stage: 'redemption' }))).rejects.toThrow(
      'is in its redemption period',
    );
    await expect(add(user, 'no-at-sign')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(add(user, 'TAKEN@proton.me')).rejects.toThrow('already used by another account');
    await expect(add(user, 'mine@proton.me')).rejects.toThrow('already on your account');
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('verifying by link', () => {
  it('verifies the owner\u2019s address once; the link then stops working', async () => {
    const user = await makeUser(t.db);
    const { id } = await add(user, `${unique('v')}@outlook.com`);
    const address = (await emailRow(t.db, id))!.address;
    const token = await latestToken(t.db, address);
    const result = await tx((x) => confirmVerification(x, user, { token }, { checkDomain: noCheck }));
    expect(result).toEqual({ address, alreadyVerified: false });
    expect(await emailRow(t.db, id)).toMatchObject({ verified: true, verifiedAt: expect.any(Date) });
    await expect(
      tx((x) => confirmVerification(x, user, { token: `${token.slice(0, -1)}A` }, { checkDomain: noCheck })),
    ).rejects.toMatchObject({ code: 'not_found' });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'email.verify'));
    expect(audit.map((a) => a.targetId)).toContain(String(id));
  });

  it('refuses another account\u2019s link, and a link replaced by a newer one', async () => {
    const owner = await makeUser(t.db);
    const intruder = await makeUser(t.db);
    const { id } = await add(owner, `${unique('w')}@outlook.com`);
    const address = (await emailRow(t.db, id))!.address;
    const first = await latestToken(t.db, address);
    await expect(
      tx((x) => confirmVerification(x, intruder, { token: first }, { checkDomain: noCheck })),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await tx((x) => requestVerification(x, owner, { emailId: id }, { appUrl, checkDomain: noCheck }));
    await expect(
      tx((x) => confirmVerification(x, owner, { token: first }, { checkDomain: noCheck })),
    ).rejects.toMatchObject({ code: 'not_found' });
    const second = await latestToken(t.db, address);
    expect(second).not.toBe(first);
    await tx((x) => confirmVerification(x, owner, { token: second }, { checkDomain: noCheck }));
    expect((await emailRow(t.db, id))!.verified).toBe(true);
  });
});

describe('re-verifying a previously flagged address', () => {
  async function flaggedUser(domain: string, flag: 'open' | 'resolved') {
    const user = await makeUser(t.db);
    const email = await makeAddress(t.db, user.id, `dev@${domain}`, {
      verified: false,
      unverifyReason: 'domain_lifecycle',
      flag: { state: flag, stage: 're_registered' },
    });
    return { user, email };
  }

  it('checks the domain first and refuses while it is in someone else\u2019s hands: no link is sent', async () => {
    const { user, email } = await flaggedUser('stolen-domain.dev', 'open');
    const checkDomain = vi.fn<CheckDomainNow>(async () => ({ stage: 're_registered' }));
    const before = await snapshot(t.db);
    await expect(
      tx((x) => requestVerification(x, user, { emailId: email.id }, { appUrl, checkDomain })),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(
        'the domain stolen-domain.dev was registered again after you verified this address',
      ),
    });
    expect(checkDomain).toHaveBeenCalledWith('stolen-domain.dev');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses the link itself if the domain lapsed again after it was sent, and keeps the address unverified', async () => {
    const { user, email } = await flaggedUser('renewed-then-lost.dev', 'resolved');
    await tx((x) =>
      requestVerification(x, user, { emailId: email.id }, { appUrl, checkDomain: async () => ({ stage: 'active' }) }),
    );
    const token = await latestToken(t.db, email.address);
    for (const stage of ['redemption', 'pending_delete', 'available', 'grace'] as const) {
      await expect(
        tx((x) => confirmVerification(x, user, { token }, { checkDomain: async () => ({ stage }) })),
      ).rejects.toMatchObject({ code: 'conflict' });
    }
    await expect(
      tx((x) => confirmVerification(x, user, { token }, { checkDomain: async () => ({ stage: 'unknown' }) })),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect((await emailRow(t.db, email.id))!.verified).toBe(false);
    // Refusals leave the link usable: once the domain is renewed, the same link works.
    await tx((x) => confirmVerification(x, user, { token }, { checkDomain: async () => ({ stage: 'active' }) }));
    expect(await emailRow(t.db, email.id)).toMatchObject({ verified: true, unverifyReason: null });
  });

  it('refuses while a flag is still waiting for staff, even if the check looks fine', async () => {
    const { user, email } = await flaggedUser('under-review.dev', 'open');
    await expect(
      tx((x) =>
        requestVerification(x, user, { emailId: email.id }, { appUrl, checkDomain: async () => ({ stage: 'active' }) }),
      ),
    ).rejects.toThrow('trust and safety team is reviewing');
  });
});

describe('primary, recovery and removal', () => {
  it('moves the primary to a verified address only', async () => {
    const user = await makeUser(t.db);
    const a = await makeAddress(t.db, user.id, `${unique('a')}@gmail.com`, { primary: true });
    const b = await makeAddress(t.db, user.id, `${unique('b')}@proton.me`);
    const c = await makeAddress(t.db, user.id, `${unique('c')}@proton.me`, { verified: false });
    await expect(tx((x) => setPrimaryAddress(x, user, { emailId: c.id }))).rejects.toThrow('Only a verified address');
    await tx((x) => setPrimaryAddress(x, user, { emailId: b.id }));
    expect((await emailRow(t.db, a.id))!.isPrimary).toBe(false);
    expect((await emailRow(t.db, b.id))!.isPrimary).toBe(true);
  });

  it('lets the user choose recovery addresses among verified, unflagged ones', async () => {
    const user = await makeUser(t.db);
    const good = await makeAddress(t.db, user.id, `${unique('g')}@gmail.com`, { primary: true });
    const pending = await makeAddress(t.db, user.id, `${unique('p')}@gmail.com`, {
      verified: false,
      useForRecovery: false,
    });
    const held = await makeAddress(t.db, user.id, `ops@${unique('held')}.dev`, {
      useForRecovery: false,
      flag: { state: 'pending_review', stage: 'redemption' },
    });
    await tx((x) => setRecoveryAddress(x, user, { emailId: good.id, useForRecovery: false }));
    expect((await emailRow(t.db, good.id))!.useForRecovery).toBe(false);
    await expect(tx((x) => setRecoveryAddress(x, user, { emailId: pending.id, useForRecovery: true }))).rejects.toThrow(
      'Verify it first',
    );
    await expect(tx((x) => setRecoveryAddress(x, user, { emailId: held.id, useForRecovery: true }))).rejects.toThrow(
      'is flagged',
    );
    await tx((x) => setRecoveryAddress(x, user, { emailId: good.id, useForRecovery: true }));
    expect((await emailRow(t.db, good.id))!.useForRecovery).toBe(true);
  });

  it('removes an address but never the primary or the only one', async () => {
    const user = await makeUser(t.db);
    const primary = await makeAddress(t.db, user.id, `${unique('p')}@gmail.com`, { primary: true });
    await expect(tx((x) => removeAddress(x, user, { emailId: primary.id }))).rejects.toThrow('only address');
    const lapsed = await makeAddress(t.db, user.id, `dev@${unique('l')}.dev`, {
      verified: false,
      unverifyReason: 'domain_lifecycle',
    });
    await expect(tx((x) => removeAddress(x, user, { emailId: primary.id }))).rejects.toThrow('primary address');
    await tx((x) => removeAddress(x, user, { emailId: lapsed.id }));
    expect(await emailRow(t.db, lapsed.id)).toBeUndefined();
  });

  it('treats another user\u2019s address as not found, changing nothing', async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const primary = await makeAddress(t.db, owner.id, `${unique('o')}@gmail.com`, { primary: true });
    const second = await makeAddress(t.db, owner.id, `${unique('s')}@gmail.com`);
    const unverified = await makeAddress(t.db, owner.id, `${unique('u')}@gmail.com`, { verified: false });
    const before = await snapshot(t.db);
    const calls = [
      () => tx((x) => removeAddress(x, other, { emailId: second.id })),
      () => tx((x) => setPrimaryAddress(x, other, { emailId: second.id })),
      () => tx((x) => setRecoveryAddress(x, other, { emailId: primary.id, useForRecovery: false })),
      () => tx((x) => requestVerification(x, other, { emailId: unverified.id }, { appUrl, checkDomain: noCheck })),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot(t.db)).toBe(before);
    expect(await t.db.select().from(emails).where(eq(emails.userId, other.id))).toEqual([]);
  });
});
