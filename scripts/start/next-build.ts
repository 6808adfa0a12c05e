import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stopGroup } from './next-server';

const SOURCES = ['app', 'components', 'lib', 'db', 'proxy.ts', 'next.config.ts', 'package.json', 'postcss.config.mjs'];

async function newestMtime(entry: string): Promise<number> {
  const stat = await fs.stat(entry).catch(() => null);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  const children = await fs.readdir(entry);
  const times = await Promise.all(children.map((c) => newestMtime(path.join(entry, c))));
  return Math.max(stat.mtimeMs, ...times);
}

/** A production build is needed when there is none, or any source is newer than it. */
export async function needsBuild(root: string): Promise<boolean> {
  const buildId = await fs.stat(path.join(root, '.next', 'BUILD_ID')).catch(() => null);
  if (!buildId) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map((s) => newestMtime(path.join(root, s))))));
  return newest > buildId.mtimeMs;
}

/**
 * `next build`, in a process group of its own (its compiler runs worker processes) so that
 * `onStart` can hand a stop for all of it to whoever stops `npm start` mid-build.
 */
export function runBuild(
  root: string,
  env: NodeJS.ProcessEnv,
  onStart: (stop: () => Promise<void>) => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    onStart(() => stopGroup(child));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
}
