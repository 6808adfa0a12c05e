import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

/**
 * The demo logins that still open with the published demo password. The password is the danger,
 * not the seed: a marker left by the seed would stay after the passwords were changed, and would
 * miss demo data copied into another database. Only the demo usernames are checked (a handful of
 * scrypt runs), not every user.
 */
export async function demoLoginsWithKnownPassword(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_ACCOUNTS.map((a) => a.username),
      ),
    );
  const open: string[] = [];
  for (const row of rows) if (await verifyPassword(DEMO_PASSWORD, row.passwordHash)) open.push(row.username);
  return open.sort();
}
