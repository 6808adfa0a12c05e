import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { resolveDatabase } from '@/db/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

// One PostgreSQL server for the whole run: TEST_DATABASE_URL / DATABASE_URL when set (CI points
// it at the machine's server), otherwise an embedded one in a temporary directory. Each test file
// then creates its own database on it (test/support/test-db.ts), so files run in parallel.
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (external) {
    const url = new URL(external);
    url.pathname = '/postgres';
    project.provide('pgAdminUrl', url.toString());
    return;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-test-pg-'));
  // mkdtemp makes the folder private; the server runs as the postgres user when we are root.
  await fs.chmod(dataDir, 0o755);
  const handle = await resolveDatabase({ dataDir });
  const url = new URL(handle.url);
  url.pathname = '/postgres';
  project.provide('pgAdminUrl', url.toString());
  return async () => {
    await handle.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
