import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { setUserRole } from '@/lib/users/set-role';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();
const cli = { type: 'cli' as const, operator: 'ops' };

describe('user verbs', () => {
  it('creates a user with a hashed password and an audit entry', async () => {
    const user = await t.db.transaction((tx) =>
      createUser({
        ctx: { tx, actor: cli, now: new Date() },
        input: { username: 'First.Admin', role: 'admin', password: 'a long enough password' },
      }),
    );
    expect(user).toMatchObject({ username: 'first.admin', role: 'admin' });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).not.toContain('a long enough password');
    expect(await verifyPassword('a long enough password', row!.passwordHash)).toBe(true);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(user.id)));
    expect(audit).toEqual([expect.objectContaining({ action: 'user.create', actorLabel: 'cli:ops' })]);
  });

  it.each([
    [{ username: 'x', role: 'admin', password: 'a long enough password' }, /2–39 letters/],
    [{ username: 'shorty', role: 'admin', password: 'short' }, /at least 10/],
    [{ username: 'rolebad', role: 'root', password: 'a long enough password' }, /role must be/],
  ])('refuses bad input %o and writes nothing', async (input, message) => {
    const [{ n: before }] = (await t.db.select({ n: count() }).from(users)) as [{ n: number }];
    await expect(
      t.db.transaction((tx) => createUser({ ctx: { tx, actor: cli, now: new Date() }, input: input as never })),
    ).rejects.toThrow(message);
    const [{ n: after }] = (await t.db.select({ n: count() }).from(users)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('refuses a duplicate username', async () => {
    await t.db.transaction((tx) =>
      createUser({
        ctx: { tx, actor: cli, now: new Date() },
        input: { username: 'dupe', role: 'user', password: 'a long enough password' },
      }),
    );
    await expect(
      t.db.transaction((tx) =>
        createUser({
          ctx: { tx, actor: cli, now: new Date() },
          input: { username: 'DUPE', role: 'user', password: 'another long password' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('changes a role and records from/to; unknown users are not found', async () => {
    await t.db.transaction((tx) =>
      createUser({
        ctx: { tx, actor: cli, now: new Date() },
        input: { username: 'promote.me', role: 'user', password: 'a long enough password' },
      }),
    );
    const result = await t.db.transaction((tx) =>
      setUserRole({ ctx: { tx, actor: cli, now: new Date() }, input: { username: 'promote.me', role: 'staff' } }),
    );
    expect(result).toMatchObject({ role: 'staff', changed: true });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.set_role'));
    expect(entry!.details).toMatchObject({ from: 'user', to: 'staff' });
    const error = await t.db
      .transaction((tx) =>
        setUserRole({ ctx: { tx, actor: cli, now: new Date() }, input: { username: 'ghost', role: 'admin' } }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('not_found');
  });
});
