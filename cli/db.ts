import { createDb, type Db } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { resolveDatabase } from '@/db/runtime';
import path from 'node:path';
import { readEnv, refreshEnv } from '@/lib/env';
import { readServices } from '@/scripts/start/services';

/**
 * The CLI's database: DATABASE_URL, or the embedded server a running `npm start` owns (found
 * through .data/runtime.json), or an embedded server started for this command and stopped after.
 */
export async function withCliDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db, url: string) => Promise<T>): Promise<T> {
  const parsed = readEnv(env);
  const handle = await resolveDatabase({ databaseUrl: parsed.DATABASE_URL, dataDir: parsed.GK_DATA_DIR });
  if (handle.mode === 'attached') {
    // Beside a running `npm start`: use the services it started (e.g. the local protocol server)
    // unless this shell sets its own.
    const services = await readServices(path.resolve(parsed.GK_DATA_DIR));
    for (const [key, value] of Object.entries(services?.env ?? {})) if (!process.env[key]) process.env[key] = value;
    refreshEnv();
  }
  try {
    await migrateDatabase(handle.url);
    const { db, close } = createDb(handle.url, { max: 4, appName: 'gravekeeper-cli' });
    try {
      return await fn(db, handle.url);
    } finally {
      await close();
    }
  } finally {
    await handle.stop();
  }
}
