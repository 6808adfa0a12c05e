import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loginThrottles, signInEvents, users } from '@/db/schema';
import { authenticate, LOGIN_THROTTLE } from '@/lib/auth/authenticate';
import { authenticateCode } from '@/lib/auth/authenticate-code';
import { TICKET_MAX_TRIES, TICKET_TTL_SECONDS } from '@/lib/auth/sign-in-ticket';
import { setupTestDatabase } from '../../support/test-db';
import { PASSWORD } from '../account/fixtures';
import { codeAt, enrolledUser } from './fixtures';

// The two steps of a sign-in with two-factor authentication: the password once, then the code with
// the "password accepted" ticket. Each test has its own account and client address.

const t = setupTestDatabase();
const BROWSER = 'the-binding-cookie-of-this-browser';
let ipCounter = 0;
const newIp = () => `10.61.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

async function passwordStep(username: string, ip: string, binding = BROWSER, now = new Date()) {
  const result = await authenticate(t.db, { username, password: PASSWORD, ip, binding, now });
  expect(result).toMatchObject({ ok: false, reason: 'two_factor_required', ticket: expect.any(String) });
  return (result as { ticket: string }).ticket;
}
const codeStep = (ticket: string, code: string, ip: string, binding = BROWSER, now = new Date()) =>
  authenticateCode(t.db, { ticket, code, ip, binding, now });
const outcomes = async (userId: number) =>
  (await t.db.select().from(signInEvents).where(eq(signInEvents.userId, userId)).orderBy(signInEvents.id)).map(
    (e) => e.outcome,
  );

describe('signing in with two-factor authentication, password once', () => {
  it('takes the code alone with the ticket, and records the sign-in', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const ticket = await passwordStep(actor.username, ip);
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({
      ok: true,
      user: { id: actor.id, username: actor.username },
    });
    expect(await outcomes(actor.id)).toEqual(['signed_in']);
  });

  it('refuses a wrong code with its own reason and a fresh ticket; the old ticket is spent', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const ticket = await passwordStep(actor.username, ip);
    const wrong = await codeStep(ticket, '000000', ip);
    expect(wrong).toMatchObject({ ok: false, reason: 'code_invalid', ticket: expect.any(String) });
    const fresh = (wrong as { ticket: string }).ticket;
    expect(fresh).not.toBe(ticket);
    // Single use: the first ticket does not work again, even with the right code.
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({ ok: false, reason: 'ticket_invalid' });
    expect(await codeStep(fresh, await codeAt(secret), ip)).toMatchObject({ ok: true });
    // And the ticket that signed in is spent too.
    expect(await codeStep(fresh, await codeAt(secret, 1), ip)).toMatchObject({ ok: false, reason: 'ticket_invalid' });
    expect(await outcomes(actor.id)).toEqual(['wrong_code', 'ticket_refused', 'signed_in', 'ticket_refused']);
  });

  it('refuses a used code as a wrong one', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const code = await codeAt(secret);
    expect(await codeStep(await passwordStep(actor.username, ip), code, ip)).toMatchObject({ ok: true });
    expect(await codeStep(await passwordStep(actor.username, ip), code, ip)).toMatchObject({
      ok: false,
      reason: 'code_invalid',
    });
  });

  it('expires after a few minutes', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const issued = new Date();
    const ticket = await passwordStep(actor.username, ip, BROWSER, issued);
    const late = new Date(issued.getTime() + TICKET_TTL_SECONDS * 1000 + 1000);
    expect(await codeStep(ticket, await codeAt(secret), ip, BROWSER, late)).toMatchObject({
      ok: false,
      reason: 'ticket_invalid',
      username: actor.username,
    });
    const inTime = new Date(issued.getTime() + (TICKET_TTL_SECONDS - 5) * 1000);
    const again = await passwordStep(actor.username, ip, BROWSER, issued);
    expect(await codeStep(again, await codeAt(secret), ip, BROWSER, inTime)).toMatchObject({ ok: true });
  });

  it('works only in the browser that typed the password', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const ticket = await passwordStep(actor.username, ip);
    for (const binding of ['another-browser', '', null])
      expect(await codeStep(ticket, await codeAt(secret), ip, binding as string)).toMatchObject({
        ok: false,
        reason: 'ticket_invalid',
      });
    // Refused before it was spent: the owner's browser still finishes with it.
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({ ok: true });
  });

  it('refuses a forged or altered ticket, and one from before a password reset', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const ticket = await passwordStep(actor.username, ip);
    const [body, mac] = ticket.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const altered = `${Buffer.from(JSON.stringify({ ...claims, tries: 0, exp: claims.exp + 3_600_000 })).toString('base64url')}.${mac}`;
    for (const bad of [altered, `${body}.${'A'.repeat(mac.length)}`, 'not-a-ticket'])
      expect(await codeStep(bad, await codeAt(secret), ip)).toMatchObject({ ok: false, reason: 'ticket_invalid' });
    await t.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.id));
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({ ok: false, reason: 'ticket_invalid' });
  });

  it(`allows ${TICKET_MAX_TRIES} codes per password entry`, async () => {
    const { actor, secret } = await enrolledUser(t.db);
    // From a browser the owner signed in on before would not change this; the delays are ended in between.
    let ticket: string | undefined = await passwordStep(actor.username, newIp());
    for (let i = 0; i < TICKET_MAX_TRIES; i += 1) {
      await t.db.delete(loginThrottles);
      const result = await codeStep(ticket!, '000000', newIp());
      expect(result).toMatchObject({ ok: false, reason: 'code_invalid' });
      ticket = (result as { ticket?: string }).ticket;
    }
    expect(ticket).toBeUndefined();
    expect(await codeStep(await passwordStep(actor.username, newIp()), await codeAt(secret), newIp())).toMatchObject({
      ok: true,
    });
  });

  it('counts code attempts against the login throttles; a throttled attempt spends nothing', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    let ticket = await passwordStep(actor.username, ip);
    // The password step counted once; wrong codes count on until the account is delayed.
    let refusal: Awaited<ReturnType<typeof codeStep>> | undefined;
    for (let i = 0; i < LOGIN_THROTTLE.account.delayAfter + 8; i += 1) {
      const result = await codeStep(ticket, '000000', ip);
      if (!result.ok && result.reason === 'throttled') {
        refusal = result;
        break;
      }
      expect(result).toMatchObject({ reason: 'code_invalid' });
      ticket = (result as { ticket?: string }).ticket ?? (await passwordStep(actor.username, ip));
    }
    expect(refusal).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' });
    // The delay is stretched to a minute, so the next attempt falls inside it however slow the machine.
    const key = eq(loginThrottles.key, `user:${actor.username}`);
    await t.db
      .update(loginThrottles)
      .set({ blockedUntil: new Date(Date.now() + 60_000) })
      .where(key);
    // The right code during the delay gets the same answer, and the ticket survives it.
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({ reason: 'throttled' });
    expect(await outcomes(actor.id)).toContain('throttled');
    await t.db
      .update(loginThrottles)
      .set({ blockedUntil: new Date(Date.now() - 1000) })
      .where(key);
    expect(await codeStep(ticket, await codeAt(secret), ip)).toMatchObject({ ok: true });
  });
});
