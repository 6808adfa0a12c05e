import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@/db/runtime';
import { readServices } from '@/scripts/start/services';
import { descendants, type ProcessInfo, stillThere, tcpPortFree, udpPortFree, withEnvironment } from './processes';

// `npm start` on a free port with its own data dir, as a terminal runs it (a process group of its
// own), stopped the two ways it is stopped in practice: Ctrl+C (SIGINT to the whole group) and
// SIGTERM to the group (a supervisor, Playwright's web server). Each time everything it started must
// be gone when npm returns (web server, worker, protocol server, SMTP sink, embedded PostgreSQL and
// its backends), its ports free, and the stop clean (no worker loop failing on a closed database).
// The first start builds the app when the build is missing or stale, as `npm start` does.

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-start-stop-'));
// The embedded server runs as the postgres user when we are root: it must reach its data dir.
fs.chmodSync(dataDir, 0o755);
const marker = `GK_DATA_DIR=${dataDir}`;
afterAll(() => {
  // Should the test fail midway: nothing of this start may outlive it.
  for (const p of withEnvironment(marker)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {}
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function npmStart(port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, GK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  // Its own embedded database and local peers, whatever the test run points at.
  for (const key of [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'RDAP_BOOTSTRAP_URL',
    'SMTP_URL',
    'GK_PROTOCOL_SERVER',
    'APP_URL',
  ])
    delete env[key];
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Polls until the login page answers (the services file is written once it does). */
async function waitForLogin(started: Started, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`npm start exited early:\n${started.output()}`);
    const services = await readServices(dataDir);
    if (services?.webUrl) {
      const response = await fetch(`${services.webUrl}/login`).catch(() => null);
      if (response?.status === 200) return services.webUrl;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no login page within ${timeoutMs / 1000} s:\n${started.output()}`);
}

/** The ports of what npm start runs: web, protocol server (HTTP and DNS over UDP), SMTP sink, PostgreSQL. */
async function ports(webUrl: string) {
  const services = await readServices(dataDir);
  const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { url: string };
  const portOf = (url: string) => Number(new URL(url).port);
  return {
    web: portOf(webUrl),
    protocol: portOf(services!.env.RDAP_BOOTSTRAP_URL!),
    dns: Number(services!.env.DNS_SERVERS!.split(':').pop()),
    smtp: portOf(services!.env.SMTP_URL!),
    postgres: portOf(runtime.url),
  };
}

async function startAndStop(signal: 'SIGINT' | 'SIGTERM', firstStartMs: number) {
  const started = await npmStart(await freePort());
  const webUrl = await waitForLogin(started, firstStartMs);
  const used = await ports(webUrl);
  const running: ProcessInfo[] = withEnvironment(marker);
  // Not vacuous: the tree holds the database server, the web server and the worker.
  expect(running.some((p) => /\bpostgres\b.*-D/.test(p.cmdline))).toBe(true);
  expect(running.some((p) => /next-server|next start|next\/dist/.test(p.cmdline))).toBe(true);
  expect(running.some((p) => p.cmdline.includes('scripts/worker.ts'))).toBe(true);
  const tree = descendants(started.child.pid!);
  expect(tree.length).toBeGreaterThan(5);
  for (const port of Object.values(used)) expect(await tcpPortFree(port)).toBe(false);

  // As the terminal does: the signal to every process of the group.
  process.kill(-started.child.pid!, signal);
  const exit = await Promise.race([
    started.exited,
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 90_000)),
  ]);
  // npm waits for its script, then exits the way the script was asked to (re-raising the signal).
  expect(exit, started.output()).toSatisfy((e) => e !== 'hung' && (e.code === 0 || e.signal === signal));

  const left = [...running, ...tree].filter(stillThere).map((p) => `${p.pid} ${p.cmdline}`);
  expect(left).toEqual([]);
  expect(withEnvironment(marker).map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]);
  for (const [name, port] of Object.entries(used)) expect(await tcpPortFree(port), name).toBe(true);
  expect(await udpPortFree(used.dns)).toBe(true);
  expect(fs.existsSync(path.join(dataDir, 'services.json'))).toBe(false);
  // A clean stop: nothing failed on a database that went away under it, nothing had to be given up on.
  expect(started.output()).not.toMatch(/run failed|tick failed|stop failed|did not stop|terminating connection/);
  // The script's own last words, printed once everything was down: npm did not return before that.
  expect(started.output().trimEnd()).toMatch(/Stopping…[\s\S]*Stopped\.$/);
  return started.output();
}

describe('npm start stops everything it started', () => {
  it('on Ctrl+C (SIGINT to the process group)', async () => {
    const output = await startAndStop('SIGINT', 600_000);
    expect(output).toContain('Gravekeeper is running at');
  }, 720_000);

  it('on SIGTERM to the process group, again on the same data', async () => {
    await startAndStop('SIGTERM', 600_000);
  }, 720_000);
});
