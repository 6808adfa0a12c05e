import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, loginThrottles, signInEvents } from '@/db/schema';
import { authenticate, LOGIN_LIMITS } from '@/lib/auth/authenticate';
import { authenticateCode } from '@/lib/auth/authenticate-code';
import {
  listSignInActivity,
  pruneSignInEvents,
  SIGN_IN_EVENT_RETENTION_DAYS,
  SIGN_IN_EVENTS_SHOWN,
} from '@/lib/auth/sign-in-events';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, PASSWORD, unique } from '../account/fixtures';
import { codeAt, enrolledUser } from './fixtures';

// Failed sign-ins are recorded (never the password) for the owner, staff and the audit log; a name
// that matches no account stays nobody's.

const t = setupTestDatabase();
const WRONG = 'not-the-password-but-close';
let ipCounter = 0;
const newIp = () => `10.62.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;
const eventsOf = (username: string) =>
  t.db.select().from(signInEvents).where(eq(signInEvents.username, username)).orderBy(signInEvents.id);
const auditAbout = (userId: number) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(userId))))
    .orderBy(auditLog.id);

describe('recording sign-in attempts', () => {
  it('records a wrong password and a wrong code with the account, address and time, never the password', async () => {
    const { actor, secret } = await enrolledUser(t.db);
    const ip = newIp();
    const before = new Date(Date.now() - 1000);
    expect(await authenticate(t.db, { username: actor.username, password: WRONG, ip })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const pass = await authenticate(t.db, { username: actor.username, password: PASSWORD, ip, binding: 'b' });
    await authenticateCode(t.db, { ticket: (pass as { ticket: string }).ticket, code: '000000', ip, binding: 'b' });
    const events = await eventsOf(actor.username);
    expect(events.map((e) => [e.outcome, e.userId, e.clientIp])).toEqual([
      ['wrong_password', actor.id, ip],
      ['wrong_code', actor.id, ip],
    ]);
    expect(events.every((e) => e.at >= before)).toBe(true);
    const audit = await auditAbout(actor.id);
    expect(audit.map((a) => [a.action, a.actorType, (a.details as { reason: string }).reason])).toEqual([
      ['auth.login_failed', 'anonymous', 'wrong_password'],
      ['auth.login_failed', 'anonymous', 'wrong_code'],
    ]);
    const everything = JSON.stringify({ events, audit });
    expect(everything).not.toContain(WRONG);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(await codeAt(secret));
    // The owner's list has both, newest first, and the success after them.
    await authenticateCode(t.db, {
      ticket: (
        (await authenticate(t.db, { username: actor.username, password: PASSWORD, ip, binding: 'b' })) as {
          ticket: string;
        }
      ).ticket,
      code: await codeAt(secret),
      ip,
      binding: 'b',
    });
    expect((await listSignInActivity(t.db, actor.id)).map((e) => e.outcome)).toEqual([
      'signed_in',
      'wrong_code',
      'wrong_password',
    ]);
  });

  it('keeps an unknown name nobody’s: no account, no audit entry, not shown to whoever takes the name later', async () => {
    const name = unique('ghost');
    const ip = newIp();
    const auditBefore = (await t.db.select().from(auditLog)).length;
    expect(await authenticate(t.db, { username: name, password: WRONG, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect((await eventsOf(name)).map((e) => [e.outcome, e.userId])).toEqual([['unknown_user', null]]);
    expect((await t.db.select().from(auditLog)).length).toBe(auditBefore);
    const later = await makeUser(t.db, 'user', name);
    expect(await listSignInActivity(t.db, later.id)).toEqual([]);
  });

  it('records refusals for too many attempts (per address once a window), in the audit log once per run', async () => {
    const actor = await makeUser(t.db);
    // Blocked for a minute: every attempt in the run is refused before the password is looked at.
    await t.db.insert(loginThrottles).values({
      key: `user:${actor.username}`,
      failures: 9,
      lastFailureAt: new Date(),
      blockedUntil: new Date(Date.now() + 60_000),
    });
    for (let i = 0; i < 3; i += 1)
      expect(await authenticate(t.db, { username: actor.username, password: PASSWORD, ip: newIp() })).toMatchObject({
        reason: 'throttled',
      });
    // One address past its limit, trying this account.
    const ip = newIp();
    await t.db.execute(
      sql`insert into rate_limits (key, window_start, count) values (${`login:ip:${ip}`}, now(), ${LOGIN_LIMITS.perIp})`,
    );
    // Past the limit only the first refusal of the window is written: a flood stays as cheap as the counter.
    for (let i = 0; i < 3; i += 1)
      expect(await authenticate(t.db, { username: actor.username, password: PASSWORD, ip })).toMatchObject({
        reason: 'rate_limited',
      });
    expect((await eventsOf(actor.username)).map((e) => e.outcome)).toEqual([
      'throttled',
      'throttled',
      'throttled',
      'rate_limited',
    ]);
    expect((await auditAbout(actor.id)).map((a) => (a.details as { reason: string }).reason)).toEqual([
      'throttled',
      'rate_limited',
    ]);
  });

  it('lists one account’s rows only', async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    await authenticate(t.db, { username: a.username, password: WRONG, ip: newIp() });
    await authenticate(t.db, { username: b.username, password: PASSWORD, ip: newIp() });
    expect((await listSignInActivity(t.db, a.id)).map((e) => e.outcome)).toEqual(['wrong_password']);
    expect((await listSignInActivity(t.db, b.id)).map((e) => e.outcome)).toEqual(['signed_in']);
  });
});

describe('pruning sign-in records', () => {
  it('deletes rows past the retention except each account’s newest shown ones', async () => {
    const heavy = await makeUser(t.db);
    // The other tests' rows are from today: inside the retention, so none of them is pruned here.
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const old = SIGN_IN_EVENT_RETENTION_DAYS + 1;
    await t.db.insert(signInEvents).values([
      ...Array.from({ length: SIGN_IN_EVENTS_SHOWN + 3 }, (_, i) => ({
        username: heavy.username,
        userId: heavy.id,
        outcome: 'wrong_password',
        at: daysAgo(old + i),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ username: `nobody${i}`, outcome: 'unknown_user', at: daysAgo(old) })),
      { username: 'nobody-recent', outcome: 'unknown_user', at: daysAgo(1) },
    ]);
    const before = (await t.db.select().from(signInEvents)).length;
    expect(await pruneSignInEvents(t.db, now)).toBe(3 + 4);
    const left = await t.db.select().from(signInEvents);
    expect(left).toHaveLength(before - 7);
    expect(left.filter((e) => e.userId === heavy.id)).toHaveLength(SIGN_IN_EVENTS_SHOWN);
    expect(left.some((e) => e.username === 'nobody-recent')).toBe(true);
    expect(left.some((e) => e.username.startsWith('nobody') && e.username !== 'nobody-recent')).toBe(false);
  });
});
