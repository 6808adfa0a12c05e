import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { ensureDatabase, resolveDatabase } from '@/db/runtime';

/**
 * A fresh embedded PostgreSQL in a temporary folder with one migrated database for a bench run
 * (`name` names the folder, the database and the pool); `stop` ends the server and removes the folder.
 */
export async function benchDatabase(name: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `gk-${name}-`));
  await fs.chmod(dataDir, 0o755);
  const pg = await resolveDatabase({ databaseUrl: undefined, dataDir });
  const dbName = `${name.replace(/-/g, '_')}_${Date.now()}`;
  const adminUrl = new URL(pg.url);
  adminUrl.pathname = '/postgres';
  await ensureDatabase(adminUrl.toString(), dbName);
  const url = new URL(pg.url);
  url.pathname = `/${dbName}`;
  await migrateDatabase(url.toString());
  const { db, close } = createDb(url.toString(), { max: 12, appName: name });
  const stop = async () => {
    await pg.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  return { dataDir, url, db, close, stop };
}
