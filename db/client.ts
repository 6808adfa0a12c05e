import 'server-only';
import { readEnv } from '@/lib/env';
import { createDb, type Db } from './connect';

// The web process's pool. `npm start` resolves the database (embedded or DATABASE_URL) before
// Next starts and passes DATABASE_URL down, so here it is always set.
const globalForDb = globalThis as unknown as { gkDb?: Db };

export function getDb(): Db {
  if (!globalForDb.gkDb) {
    const url = readEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
    globalForDb.gkDb = createDb(url, { appName: 'gravekeeper-web' }).db;
  }
  return globalForDb.gkDb;
}
