import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { E2E_DATA_DIR } from '../../playwright.config';

/** A connection to the e2e server's embedded database, for asserting what did or did not change. */
export function e2eSql() {
  const state = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, 'runtime.json'), 'utf8')) as { url: string };
  return postgres(state.url, { max: 1, onnotice: () => {} });
}
