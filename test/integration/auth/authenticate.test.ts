import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { authenticate, LOGIN_LIMITS } from '@/lib/auth/authenticate';
import { hashPassword } from '@/lib/auth/password';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();

async function makeUser(username: string, password: string) {
  await t.db.insert(users).values({ username, name: username, role: 'staff', passwordHash: await hashPassword(password) });
}

describe('authenticate', () => {
  it('signs in with the right password and records the login', async () => {
    await makeUser('rita', 'correct horse battery');
    const result = await authenticate(t.db, { username: 'rita', password: 'correct horse battery', ip: '10.0.0.1' });
    expect(result).toMatchObject({ ok: true, user: { username: 'rita', role: 'staff' } });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(entries.map((e) => e.actorLabel)).toContain('rita');
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    await makeUser('sven', 'correct horse battery');
    const wrong = await authenticate(t.db, { username: 'sven', password: 'nope nope nope', ip: '10.0.0.2' });
    const unknown = await authenticate(t.db, { username: 'nobody-here', password: 'nope nope nope', ip: '10.0.0.2' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('locks a username out after too many attempts, even with the right password', async () => {
    await makeUser('tara', 'correct horse battery');
    for (let i = 0; i < LOGIN_LIMITS.perUser; i += 1) {
      await authenticate(t.db, { username: 'tara', password: `guess ${i}`, ip: `10.1.0.${i}` });
    }
    const result = await authenticate(t.db, { username: 'tara', password: 'correct horse battery', ip: '10.2.0.1' });
    expect(result).toEqual({ ok: false, reason: 'rate_limited' });
  });

  it('rate-limits one address trying many usernames', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) {
      await authenticate(t.db, { username: `spray${i}`, password: 'x', ip: '10.9.9.9' });
    }
    await makeUser('uma', 'correct horse battery');
    expect(await authenticate(t.db, { username: 'uma', password: 'correct horse battery', ip: '10.9.9.9' })).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await authenticate(t.db, { username: 'uma', password: 'correct horse battery', ip: '10.9.9.8' })).toMatchObject({ ok: true });
  });
});
