import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '@/db/runtime';
import { users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/dev/demo/seed/demo-accounts';
import { demoLoginsWithKnownPassword } from '@/dev/demo/seed/demo-logins';
import { hashPassword } from '@/lib/auth/password';
import { exposureRefusal } from '@/scripts/start/exposure';
import { ensureFirstUsers } from '@/scripts/start/first-users';
import { setupTestDatabase } from '../../support/test-db';

// `npm start` seeds logins with a published password only on the embedded demo database, and
// refuses to listen beyond loopback while any of them still opens with it.

// The demo seed seals the demo staff and admin accounts' TOTP key: the test brings its key.
process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';
const t = setupTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-first-users-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npm start and the demo logins', () => {
  it('seeds nothing on DATABASE_URL: no users, nothing to refuse, and it says how to add an admin', async () => {
    const database = await resolveDatabase({ databaseUrl: t.url, dataDir });
    expect(database.mode).toBe('external');
    const result = await ensureFirstUsers(t.db, database, new Date());
    expect(result).toEqual({ seeded: null, users: 0 });
    expect(await demoLoginsWithKnownPassword(t.db)).toEqual([]);
    expect(exposureRefusal({ host: '0.0.0.0', demoLogins: [], demoPassword: DEMO_PASSWORD })).toBeNull();
  });

  it('with demo logins present (the embedded demo, or `gk seed-demo`), a public HOST is refused until their passwords change', async () => {
    const seeded = await ensureFirstUsers(t.db, { mode: 'embedded' }, new Date());
    expect(seeded.seeded?.seeded).toBe(true);
    expect(await demoLoginsWithKnownPassword(t.db)).toEqual(['admin', 'alice', 'maintainer', 'staff']);
    expect(
      exposureRefusal({
        host: '0.0.0.0',
        demoLogins: await demoLoginsWithKnownPassword(t.db),
        demoPassword: DEMO_PASSWORD,
      }),
    ).toMatch(
      /^Refusing to listen on HOST=0\.0\.0\.0: the demo logins admin, alice, maintainer, staff still have the published password/,
    );

    const hash = await hashPassword('a password nobody published');
    for (const username of ['admin', 'alice', 'maintainer'])
      await t.db.update(users).set({ passwordHash: hash }).where(eq(users.username, username));
    expect(await demoLoginsWithKnownPassword(t.db)).toEqual(['staff']);
    await t.db.update(users).set({ passwordHash: hash }).where(eq(users.username, 'staff'));
    expect(await demoLoginsWithKnownPassword(t.db)).toEqual([]);
    expect(exposureRefusal({ host: '0.0.0.0', demoLogins: [], demoPassword: DEMO_PASSWORD })).toBeNull();
  });
});
