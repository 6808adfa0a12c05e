import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '@/db/runtime';

// The embedded default: the CLI finds a server `npm start` runs (through .data/runtime.json),
// and starts and stops one of its own when none runs. Data persists between runs.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-runtime-'));
fs.chmodSync(dataDir, 0o755);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function gk(args: string[], stdin = '') {
  const env: NodeJS.ProcessEnv = { ...process.env, GK_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync('npx', ['tsx', 'cli/gk.ts', ...args], { input: stdin, encoding: 'utf8', env, timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('embedded PostgreSQL runtime', () => {
  it('starts its own server when none runs, keeps the data, and stops it afterwards', () => {
    const add = gk(['user', 'add', 'first.admin', '--role', 'admin'], 'a very long password');
    expect(add.stdout).toContain('created first.admin');
    expect(fs.existsSync(path.join(dataDir, 'runtime.json'))).toBe(false);
    expect(gk(['user', 'list']).stdout).toContain('first.admin\tadmin');
  });

  it('attaches to a server another process runs instead of starting a second one', async () => {
    const owner = await resolveDatabase({ dataDir });
    try {
      expect(owner.mode).toBe('embedded');
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8'));
      expect(state.url).toBe(owner.url);
      const list = gk(['user', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('first.admin');
      // The CLI must leave the owner's server running.
      const again = await resolveDatabase({ dataDir });
      expect(again.mode).toBe('attached');
    } finally {
      await owner.stop();
    }
  });
});
