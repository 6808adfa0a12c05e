import 'server-only';
import { createDb, type Db } from './connect';

// The web process's pool. The URL is handed in once at server start (instrumentation.ts reads it
// from the validated environment), so db/ needs nothing from lib/. `npm start` resolves the
// database (embedded or DATABASE_URL) before Next starts and passes DATABASE_URL down.
const globalForDb = globalThis as unknown as { gkDb?: Db; gkDbUrl?: string };

export function configureDb(url: string | undefined): void {
  globalForDb.gkDbUrl = url;
}

export function getDb(): Db {
  if (!globalForDb.gkDb) {
    const url = globalForDb.gkDbUrl;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
    globalForDb.gkDb = createDb(url, { appName: 'gravekeeper-web' }).db;
  }
  return globalForDb.gkDb;
}
