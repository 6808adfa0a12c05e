import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Db } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';

export interface TestDatabase {
  db: Db;
  url: string;
  sql: ReturnType<typeof postgres>;
}

/**
 * A fresh, migrated database for this test file, dropped afterwards. Use at the top level of a
 * test file: `const t = setupTestDatabase();` then `t.db` inside tests.
 */
export function setupTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  const name = `gk_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const adminUrl = inject('pgAdminUrl');
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle.url = url.toString();
    await migrateDatabase(handle.url);
    const created = createDb(handle.url, { max: 5, appName: 'gravekeeper-test' });
    handle.db = created.db;
    handle.sql = created.sql;
    close = created.close;
  });
  afterAll(async () => {
    await close?.();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return handle;
}
