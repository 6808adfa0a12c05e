import { count } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import type { DatabaseHandle } from '@/db/runtime';
import { users } from '@/db/schema';
import { type SeedSummary, seedDemo } from '@/dev/demo/seed/seed-demo';

export interface FirstUsers {
  /** What the demo seed added, or null when it did not run. */
  seeded: SeedSummary | null;
  /** Users in the database after this step. */
  users: number;
}

/**
 * Demo data (with logins whose password is published in the README) only on the embedded default
 * database, the demo. On DATABASE_URL `npm start` never seeds: that is somebody's real registry.
 */
export async function ensureFirstUsers(db: Db, database: Pick<DatabaseHandle, 'mode'>, now: Date): Promise<FirstUsers> {
  const seeded = database.mode === 'external' ? null : await seedDemo(db, { now });
  const [row] = await db.select({ n: count() }).from(users);
  return { seeded, users: row?.n ?? 0 };
}

export const FIRST_ADMIN_HINT =
  'No users yet. Create the first admin (the password is read from stdin):\n  printf %s "$PASSWORD" | npm run gk -- user add <username> --role admin';
