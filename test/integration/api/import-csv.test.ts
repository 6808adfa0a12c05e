import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, users } from '@/db/schema';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from '../account/fixtures';
import { snapshotAll } from '../actions/world';

// `npm run gk -- import accounts.csv`, run as an operator runs it: the same accounts as the sync API,
// from a file, in one transaction, with a progress bar on stderr and a summary on stdout.

const t = setupTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-import-'));

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${['username,name,address,verified,verified_at,primary', ...lines].join('\n')}\n`);
  return file;
}

function gk(args: string[]) {
  const result = spawnSync('npx', ['tsx', 'cli/gk.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.url },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gk import', () => {
  it('imports accounts in batches, with a progress bar, and a second run changes nothing', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [
      `imp${i},Maintainer ${i},imp${i}@gmail.com,true,2024-01-0${(i % 9) + 1}T00:00:00Z,true`,
      `imp${i},Maintainer ${i},dev${i}@imp${i}-own.dev,${i % 2 === 0 ? 'yes' : 'no'},,`,
    ]).flat();
    const file = csv('good.csv', [...rows, 'imp-empty,,,,,']);
    const first = gk(['import', file, '--batch', '10']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /imported 26 accounts in [\d.]+ s .*: 26 created, 0 renamed; addresses 50 added, 0 changed, 0 removed/,
    );
    expect(first.stderr).toMatch(/importing \|.*\| 100%/);
    const [row] = await t.db.select().from(users).where(eq(users.username, 'imp3'));
    expect(row).toMatchObject({ name: 'Maintainer 3', synced: true });
    const own = await t.db.select().from(emails).where(eq(emails.address, 'dev3@imp3-own.dev'));
    expect(own[0]).toMatchObject({ verified: false, isPrimary: false });

    const before = await snapshotAll(t.db, ['public.audit_log']);
    const again = gk(['import', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 renamed; addresses 0 added, 0 changed, 0 removed/);
    expect(await snapshotAll(t.db, ['public.audit_log'])).toEqual(before);
  });

  it.each([
    [
      'a bad address',
      ['ok1,,ok1@gmail.com,true,,', 'bad1,,bad@@x.org,true,,'],
      /line 3 \(bad1\): addresses\[0\]\.address: .*not an address we can watch/,
    ],
    ['a bad flag', ['ok2,,ok2@gmail.com,maybe,,'], /line 2: verified must be true or false/],
    [
      'rows of one account apart',
      ['a3,,a3@gmail.com,true,,', 'b3,,b3@gmail.com,true,,', 'a3,,a3b@gmail.com,true,,'],
      /line 4: the rows of a3 must be next to each other/,
    ],
    ['a broken quote', ['q4,"Unclosed,q4@gmail.com,true,,'], /not valid CSV/],
  ])('refuses a file with %s: one line, exit 2, nothing imported', async (_name, lines, message) => {
    const before = await snapshotAll(t.db);
    const result = gk(['import', csv(`bad-${_name.replaceAll(' ', '-')}.csv`, lines as string[])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr).toMatch(/Nothing was imported\./);
    expect(await snapshotAll(t.db)).toEqual(before);
  });

  it('refuses, at its line, an account made in Gravekeeper, importing nothing of the file', async () => {
    const staff = await makeUser(t.db, 'staff');
    const before = await snapshotAll(t.db);
    const result = gk([
      'import',
      csv('staff.csv', ['x5,,x5@gmail.com,true,,', `${staff.username},,s@gmail.com,true,,`]),
      '--batch',
      '1',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`line 3 \\(${staff.username}\\): username: .*made in Gravekeeper`));
    expect(await snapshotAll(t.db)).toEqual(before);
  });

  it('says how to call it', () => {
    const result = gk(['import']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: gk import <accounts\.csv>/);
  });
});
