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
    let url: URL;
    try {
      url = new URL(external);
    } catch {
      throw new Error(`${externalName()} is not a URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).`);
    }
    assertLoopback(url);
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

/**
 * The tests create and drop databases on the server they are given: only a server on this machine
 * (loopback, or a Unix socket) may be one, never a shared or production host a stray variable points at.
 */
function assertLoopback(url: URL) {
  const socket = url.searchParams.get('host');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = socket?.startsWith('/') || host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!local) {
    throw new Error(
      `${externalName()} points at ${host || '(no host)'}: the integration tests create and drop databases, so they only run against a PostgreSQL server on this machine (localhost, 127.0.0.1, ::1 or a Unix socket). Unset it to use the embedded server.`,
    );
  }
}

const externalName = () => (process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL');
