import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './connect';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the committed migrations; safe to call at every start (applied ones are skipped). */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, close } = createDb(url, { max: 1, appName: 'gravekeeper-migrate' });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await close();
  }
}
