import { spawnSync } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();

function gk(args: string[], stdin = '') {
  const result = spawnSync('npx', ['tsx', 'cli/gk.ts', ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.url },
    timeout: 60_000,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')),
  };
}

describe('gk user (the first admin of a real deployment)', () => {
  it('adds a user with the password from stdin, lists it and changes its role', async () => {
    const add = gk(['user', 'add', 'root.admin', '--role', 'admin', '--name', 'Root Admin'], 'a very long password\n');
    expect(add.stderr).toEqual([]);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/created root\.admin \(admin, id \d+\)/);
    expect(gk(['user', 'list']).stdout).toContain('root.admin\tadmin\tRoot Admin');
    expect(gk(['user', 'set-role', 'root.admin', '--role', 'staff']).stdout).toContain('root.admin is now staff');
    const [row] = await t.db.select().from(users).where(eq(users.username, 'root.admin'));
    expect(row!.role).toBe('staff');
    const actions = (await t.db.select().from(auditLog)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.set_role']));
  });

  it.each([
    [['user', 'add', 'bob', '--role', 'root'], 'a very long password', /--role user\|staff\|admin/],
    [['user', 'add', 'bob', '--role', 'admin'], 'short', /at least 10 characters/],
    [['user', 'add', '--role', 'admin'], 'a very long password', /one username/],
    [['user', 'set-role', 'ghost', '--role', 'admin'], '', /no user named ghost/],
    [['user', 'frobnicate'], '', /usage/],
  ])('refuses %j with one clear line, exit 2 and nothing written', async (args, stdin, message) => {
    const [before] = await t.db.select({ n: count() }).from(users);
    const result = gk(args, stdin);
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toMatch(/^gk: /);
    expect(result.stderr.join('\n')).toMatch(message);
    const [after] = await t.db.select({ n: count() }).from(users);
    expect(after!.n).toBe(before!.n);
  });

  it('seeds nothing unless asked: seed-demo fills an empty database once', async () => {
    const fresh = gk(['seed-demo']);
    // This database already has a user from the tests above, so seeding refuses to mix in demo data.
    expect(fresh.stdout).toContain('already has users: nothing seeded');
    expect(fresh.code).toBe(0);
  });
});
