import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, domainLists, emails, tokens } from '@/db/schema';
import { addAddress } from '@/lib/addresses/add';
import { prepareNewAddress } from '@/lib/addresses/prepare-add';
import type { UserActor } from '@/lib/auth/session';
import type { CheckDomainNow } from '@/lib/addresses/domain-gate';
import { removeAddress } from '@/lib/addresses/remove';
import { prepareRequestVerification, requestVerification } from '@/lib/addresses/request-verification';
import { setPrimaryAddress } from '@/lib/addresses/set-primary';
import { setRecoveryAddress } from '@/lib/addresses/set-recovery';
import { confirmVerification, prepareConfirmVerification } from '@/lib/addresses/verify';
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
type Tx = Parameters<Parameters<typeof t.db.transaction>[0]>[0];
const ctxOf = (x: Tx, actor: UserActor) => ({ tx: x, actor, now: new Date() });
// What the actions do: prepare (a live check of the domain) outside the transaction, then the verb.
const add = async (user: UserActor, address: string, checkDomain: CheckDomainNow = noCheck) => {
  const check = await prepareNewAddress({ ctx: { db: t.db, checkDomain }, input: { address } });
  return tx((x) => addAddress({ ctx: { ...ctxOf(x, user), appUrl, check }, input: { address } }));
};
const sendLink = async (user: UserActor, emailId: number, checkDomain: CheckDomainNow = noCheck) => {
  const input = { emailId };
  const freshCheck = await prepareRequestVerification({ ctx: { db: t.db, actor: user, checkDomain }, input });
  return tx((x) => requestVerification({ ctx: { ...ctxOf(x, user), appUrl, freshCheck }, input }));
};
const confirm = async (user: UserActor, token: string, checkDomain: CheckDomainNow = noCheck) => {
  const input = { token };
  const now = new Date();
  const freshCheck = await prepareConfirmVerification({ ctx: { db: t.db, actor: user, now, checkDomain }, input });
  return tx((x) => confirmVerification({ ctx: { ...ctxOf(x, user), freshCheck }, input }));
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
      'We cannot accept addresses at gone-away.dev now: our checks say its registration lapsed or changed hands',
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
    const result = await confirm(user, token, noCheck);
    expect(result).toEqual({ address, alreadyVerified: false });
    expect(await emailRow(t.db, id)).toMatchObject({ verified: true, verifiedAt: expect.any(Date) });
    await expect(confirm(user, `${token.slice(0, -1)}A`)).rejects.toMatchObject({ code: 'not_found' });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'email.verify'));
    expect(audit.map((a) => a.targetId)).toContain(String(id));
  });

  it('refuses another account\u2019s link, and a link replaced by a newer one', async () => {
    const owner = await makeUser(t.db);
    const intruder = await makeUser(t.db);
    const { id } = await add(owner, `${unique('w')}@outlook.com`);
    const address = (await emailRow(t.db, id))!.address;
    const first = await latestToken(t.db, address);
    await expect(confirm(intruder, first, noCheck)).rejects.toMatchObject({ code: 'forbidden' });
    await sendLink(owner, id, noCheck);
    await expect(confirm(owner, first, noCheck)).rejects.toMatchObject({ code: 'not_found' });
    const second = await latestToken(t.db, address);
    expect(second).not.toBe(first);
    await confirm(owner, second, noCheck);
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
    await expect(sendLink(user, email.id, checkDomain)).rejects.toMatchObject({
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
    await sendLink(user, email.id, async () => ({ stage: 'active' }));
    const token = await latestToken(t.db, email.address);
    for (const stage of ['redemption', 'pending_delete', 'available', 'grace'] as const) {
      await expect(confirm(user, token, async () => ({ stage }))).rejects.toMatchObject({ code: 'conflict' });
    }
    await expect(confirm(user, token, async () => ({ stage: 'unknown' }))).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect((await emailRow(t.db, email.id))!.verified).toBe(false);
    // Refusals leave the link usable: once the domain is renewed, the same link works.
    await confirm(user, token, async () => ({ stage: 'active' }));
    expect(await emailRow(t.db, email.id)).toMatchObject({ verified: true, unverifyReason: null });
  });

  it('checks the domain before the transaction, and refuses if the address was flagged in between', async () => {
    const user = await makeUser(t.db);
    const email = await makeAddress(t.db, user.id, `dev@${unique('between')}.dev`, { verified: false });
    // Nothing called for a check when the action's prepare step looked; then a scan flags the address.
    const input = { emailId: email.id };
    const freshCheck = await prepareRequestVerification({
      ctx: { db: t.db, actor: user, checkDomain: noCheck },
      input,
    });
    expect(freshCheck).toBeNull();
    await t.db.update(emails).set({ unverifyReason: 'domain_lifecycle' }).where(eq(emails.id, email.id));
    const before = await snapshot(t.db);
    await expect(
      tx((x) => requestVerification({ ctx: { ...ctxOf(x, user), appUrl, freshCheck }, input })),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('try again') });
    expect(await snapshot(t.db)).toBe(before);
    // The next attempt checks the domain first.
    const checkDomain = vi.fn<CheckDomainNow>(async () => ({ stage: 'active' }));
    await sendLink(user, email.id, checkDomain);
    expect(checkDomain).toHaveBeenCalledWith(email.domain);
  });

  it('refuses while a flag is still waiting for staff, even if the check looks fine', async () => {
    const { user, email } = await flaggedUser('under-review.dev', 'open');
    await expect(sendLink(user, email.id, async () => ({ stage: 'active' }))).rejects.toThrow(
      'trust and safety team is reviewing',
    );
  });
});

describe('primary, recovery and removal', () => {
  it('moves the primary to a verified address only', async () => {
    const user = await makeUser(t.db);
    const a = await makeAddress(t.db, user.id, `${unique('a')}@gmail.com`, { primary: true });
    const b = await makeAddress(t.db, user.id, `${unique('b')}@proton.me`);
    const c = await makeAddress(t.db, user.id, `${unique('c')}@proton.me`, { verified: false });
    await expect(tx((x) => setPrimaryAddress({ ctx: ctxOf(x, user), input: { emailId: c.id } }))).rejects.toThrow(
      'Only a verified address',
    );
    await tx((x) => setPrimaryAddress({ ctx: ctxOf(x, user), input: { emailId: b.id } }));
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
    await tx((x) => setRecoveryAddress({ ctx: ctxOf(x, user), input: { emailId: good.id, useForRecovery: false } }));
    expect((await emailRow(t.db, good.id))!.useForRecovery).toBe(false);
    await expect(
      tx((x) => setRecoveryAddress({ ctx: ctxOf(x, user), input: { emailId: pending.id, useForRecovery: true } })),
    ).rejects.toThrow('Verify it first');
    await expect(
      tx((x) => setRecoveryAddress({ ctx: ctxOf(x, user), input: { emailId: held.id, useForRecovery: true } })),
    ).rejects.toThrow('is flagged');
    await tx((x) => setRecoveryAddress({ ctx: ctxOf(x, user), input: { emailId: good.id, useForRecovery: true } }));
    expect((await emailRow(t.db, good.id))!.useForRecovery).toBe(true);
  });

  it('removes an address but never the primary or the only one', async () => {
    const user = await makeUser(t.db);
    const primary = await makeAddress(t.db, user.id, `${unique('p')}@gmail.com`, { primary: true });
    await expect(tx((x) => removeAddress({ ctx: ctxOf(x, user), input: { emailId: primary.id } }))).rejects.toThrow(
      'only address',
    );
    const lapsed = await makeAddress(t.db, user.id, `dev@${unique('l')}.dev`, {
      verified: false,
      unverifyReason: 'domain_lifecycle',
    });
    await expect(tx((x) => removeAddress({ ctx: ctxOf(x, user), input: { emailId: primary.id } }))).rejects.toThrow(
      'primary address',
    );
    await tx((x) => removeAddress({ ctx: ctxOf(x, user), input: { emailId: lapsed.id } }));
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
      () => tx((x) => removeAddress({ ctx: ctxOf(x, other), input: { emailId: second.id } })),
      () => tx((x) => setPrimaryAddress({ ctx: ctxOf(x, other), input: { emailId: second.id } })),
      () =>
        tx((x) => setRecoveryAddress({ ctx: ctxOf(x, other), input: { emailId: primary.id, useForRecovery: false } })),
      () => sendLink(other, unverified.id, noCheck),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot(t.db)).toBe(before);
    expect(await t.db.select().from(emails).where(eq(emails.userId, other.id))).toEqual([]);
  });
});
