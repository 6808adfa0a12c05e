import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

// One code path for every process (web, worker, CLI, tests): postgres.js + drizzle over a URL.
export function createDb(url: string, options: { max?: number; appName?: string } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connection: { application_name: options.appName ?? 'gravekeeper' },
    // Notices (e.g. "relation already exists, skipping") are noise in every caller.
    onnotice: () => {},
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

export type Db = ReturnType<typeof createDb>['db'];
/** A transaction handle; verbs accept either so they can join an outer transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
