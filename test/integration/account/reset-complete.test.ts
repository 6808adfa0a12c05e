import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, emails, flags, tokens, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { completePasswordReset } from '@/lib/reset/complete';
import { requestPasswordReset } from '@/lib/reset/request';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeDomain, makeUser, PASSWORD, unique } from './fixtures';
import { latestToken } from './mail-helpers';

vi.mock('server-only', () => ({}));
const { completeResetAction, requestResetAction } = await import('@/app/(auth)/reset-password/actions');
const { runPublicAction } = await import('@/lib/auth/public-action');

const t = setupTestDatabase();
const NEW_PASSWORD = 'a brand new password';
const ask = (input: string) =>
  t.db.transaction((tx) =>
    requestPasswordReset({
      ctx: { tx, now: new Date(), clientIp: '10.2.0.1', appUrl: 'https://registry.example' },
      input: { input },
    }),
  );
const complete = (token: string, password = NEW_PASSWORD, confirm = password) =>
  t.db.transaction((tx) =>
    completePasswordReset({ ctx: { tx, now: new Date() }, input: { token, password, confirm } }),
  );
const passwordHash = async (id: number) =>
  (await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]!.h;

async function accountWithTwoBackups() {
  const user = await makeUser(t.db);
  const a = await makeAddress(t.db, user.id, `${unique('a')}@gmail.com`, { primary: true });
  const b = await makeAddress(t.db, user.id, `${unique('b')}@outlook.com`);
  await ask(user.username);
  return { user, a, b, tokenA: await latestToken(t.db, a.address), tokenB: await latestToken(t.db, b.address) };
}

describe('completing a reset', () => {
  it('sets the new password once, ends every other reset link, and is audited', async () => {
    const { user, tokenA, tokenB } = await accountWithTwoBackups();
    const sessionsBefore = (await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, user.id)))[0]!
      .v;
    expect(await complete(tokenA)).toEqual({ status: 'changed', username: user.username });
    // Sessions signed in with the old password (perhaps the attacker's) end at their next request.
    const sessionsAfter = (await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, user.id)))[0]!
      .v;
    expect(sessionsAfter).toBe(sessionsBefore + 1);
    expect(await authenticate(t.db, { username: user.username, password: NEW_PASSWORD, ip: '10.2.0.3' })).toMatchObject(
      { ok: true, user: { sessionVersion: sessionsAfter } },
    );
    expect(await authenticate(t.db, { username: user.username, password: NEW_PASSWORD, ip: '10.2.0.2' })).toMatchObject(
      { ok: true },
    );
    expect(await authenticate(t.db, { username: user.username, password: PASSWORD, ip: '10.2.0.2' })).toMatchObject({
      ok: false,
    });
    await expect(complete(tokenA, 'yet another password')).rejects.toMatchObject({ code: 'not_found' });
    await expect(complete(tokenB, 'yet another password')).rejects.toMatchObject({ code: 'not_found' });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_reset'), eq(auditLog.targetId, String(user.id))));
    expect(entry).toMatchObject({ actorLabel: user.username, actorType: 'user' });
  });

  it('refuses a short or mismatched password without spending the link', async () => {
    const { user, tokenA } = await accountWithTwoBackups();
    const before = await passwordHash(user.id);
    await expect(complete(tokenA, 'short')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(complete(tokenA, NEW_PASSWORD, 'something else entirely')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await passwordHash(user.id)).toBe(before);
    expect(await complete(tokenA)).toMatchObject({ status: 'changed' });
  });

  it('voids a link whose address was flagged after it was sent (its domain lapsed meanwhile)', async () => {
    const user = await makeUser(t.db);
    const address = await makeAddress(t.db, user.id, `me@${unique('lapsing')}.dev`, { primary: true });
    await ask(address.address);
    const token = await latestToken(t.db, address.address);
    // A scan unverifies the address and opens a flag while the mail is in flight.
    const domain = await makeDomain(t.db, address.domain, 're_registered');
    await t.db
      .update(emails)
      .set({ verified: false, unverifyReason: 'domain_lifecycle' })
      .where(eq(emails.id, address.id));
    await t.db.insert(flags).values({ emailId: address.id, domainId: domain.id, stage: 're_registered' });
    const before = await passwordHash(user.id);
    expect(await complete(token)).toMatchObject({ status: 'refused' });
    expect(await passwordHash(user.id)).toBe(before);
    const live = await t.db
      .select()
      .from(tokens)
      .where(and(eq(tokens.userId, user.id), eq(tokens.purpose, 'reset_password')));
    expect(live.every((row) => row.usedAt !== null)).toBe(true);
  });

  it('keeps two-factor authentication in force after a reset', async () => {
    const { user, tokenA } = await accountWithTwoBackups();
    await t.db
      .update(users)
      .set({ totpEnabled: true, totpSecretEnc: null, recoveryCodeHashes: ['x'] })
      .where(eq(users.id, user.id));
    await complete(tokenA);
    expect(await authenticate(t.db, { username: user.username, password: NEW_PASSWORD, ip: '10.2.0.3' })).toEqual({
      ok: false,
      reason: 'two_factor_required',
    });
  });
});

describe('the reset page\u2019s completion action', () => {
  it('is a named public action; the browser gets the username, or a failure to show, never the verb\u2019s refusal as success', async () => {
    expect(completeResetAction.definition).toMatchObject({ name: 'reset.complete', public: true });
    expect(requestResetAction.definition).toMatchObject({ name: 'reset.request', public: true });
    const { user, a, tokenA, tokenB } = await accountWithTwoBackups();
    const form = (token: string) => ({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    // The address the link went to lapsed since: the link is void, shown as a failure.
    await t.db.update(emails).set({ verified: false, unverifyReason: 'domain_lifecycle' }).where(eq(emails.id, a.id));
    const refused = await runPublicAction(completeResetAction.definition, form(tokenA), t.db, '10.2.0.9');
    expect(refused).toMatchObject({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('can no longer receive password resets'),
    });
    // The page puts its one "Ask for a new link" beside the message; the message does not say it too.
    expect(refused.ok ? '' : refused.message).not.toMatch(/ask for a new/i);
    // That refusal voided every link of the account, so the other one answers not_found.
    const stale = await runPublicAction(completeResetAction.definition, form(tokenB), t.db, '10.2.0.9');
    expect(stale).toMatchObject({ ok: false, code: 'not_found' });
    await ask(user.username);
    const fresh = await latestToken(
      t.db,
      (await t.db
        .select()
        .from(emails)
        .where(eq(emails.userId, user.id))
        .then((r) => r.find((e) => e.id !== a.id)))!.address,
    );
    expect(await runPublicAction(completeResetAction.definition, form(fresh), t.db, '10.2.0.9')).toEqual({
      ok: true,
      data: { username: user.username },
    });
  });
});
