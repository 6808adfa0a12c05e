import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface RunningNext {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `next start` in its own process group (it spawns children of its own), so stopping it stops
 * all of them.
 */
export function startNext(
  root: string,
  listen: number | { port: number; host: string },
  env: NodeJS.ProcessEnv,
): RunningNext {
  // -H always (loopback unless told): without it `next start` listens on every interface.
  const { port, host } = typeof listen === 'number' ? { port: listen, host: '127.0.0.1' } : listen;
  const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', host], {
    cwd: root,
    // The preload stamps each request with its TCP peer's address (lib/auth/request-ip.ts).
    env: {
      ...env,
      NODE_OPTIONS: [
        env.NODE_OPTIONS,
        `--require ${JSON.stringify(path.join(root, 'scripts', 'start', 'peer-address.cjs'))}`,
      ]
        .filter(Boolean)
        .join(' '),
    },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { child, stop: () => stopGroup(child) };
}

/**
 * SIGTERM to a child's whole process group, SIGKILL to what is left of it after a grace period.
 * Resolves once the group is empty, not merely its leader: `next start` and tsx run children of
 * their own, and a port is only free when the last of them is gone.
 */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  // The leader's 'exit' has been seen (or it was reaped): nothing of the group is left to wait for.
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {}
}

/** Whether any process of the group led by `pid` is still there (a zombie leader not yet reaped counts). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited (code ${child.exitCode})`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the web server did not answer at ${url} within ${timeoutMs / 1000} s`);
}
