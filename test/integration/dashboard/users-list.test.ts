import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema/enums';
import { parseListSearch } from '@/lib/pagination/search-params';
import { listUsersPage } from '@/lib/users/queries';
import { type UsersSearch, usersSearchSchema } from '@/lib/users/search';
import { SEARCH_TEXT_ERRORS } from '@/lib/validation/search-text';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress } from './fixtures';
import { expectBackAndForth, TAMPERED_CURSORS, walkForward } from './keyset-walk';

// The staff users list: keyset pages over (created_at, id), each filter, and URLs a visitor edited by
// hand. Every account is made here with a known creation time, role, 2FA and addresses.

const t = setupTestDatabase();

interface Made {
  id: number;
  at: string;
  username: string;
  name: string;
  role: Role;
  totp: boolean;
  address: string;
}
const made: Made[] = [];
const read = (search: UsersSearch, pageSize: number) => listUsersPage(t.db, search, pageSize);
const newestFirst = (rows: Made[]) =>
  [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((u) => u.id);

beforeAll(async () => {
  const roles: Role[] = ['user', 'user', 'staff', 'user', 'admin'];
  for (let i = 0; i < 36; i += 1) {
    // Groups of three share one instant: the id breaks the ties.
    const u = {
      at: `2025-0${1 + Math.floor(i / 12)}-15 09:${String(Math.floor(i / 3)).padStart(2, '0')}:00+00`,
      username: `member${String(i).padStart(2, '0')}`,
      name: i === 7 ? 'Ada Lovelace' : `Member Number ${i}`,
      role: roles[i % roles.length]!,
      totp: i % 4 === 0,
    };
    const [row] = await t.db.execute<{ id: string }>(sql`
      insert into users (username, name, role, password_hash, totp_enabled, created_at)
      values (${u.username}, ${u.name}, ${u.role}, 'x', ${u.totp}, ${u.at}::timestamptz) returning id`);
    const id = Number(row!.id);
    const email = await makeAddress(t.db, id, i % 5 === 0 ? 'old-company.dev' : 'gmail.com', {
      local: `m${i}.contact`,
      verified: i % 2 === 0,
    });
    made.push({ ...u, id, address: email.address });
  }
});

describe('users list', () => {
  it('pages newest first through every user exactly once, ties broken by id, and back again', async () => {
    expect(await walkForward(read, {}, 5)).toEqual(newestFirst(made));
    await expectBackAndForth(read, {}, 4);
    const [first] = (await read({ q: 'member07' }, 1)).rows;
    expect(first).toMatchObject({ username: 'member07', addresses: 1, unverified: 1, totpEnabled: false });
  });

  it('pages oldest first in exactly the opposite order', async () => {
    expect(await walkForward(read, { sort: 'oldest' }, 8)).toEqual(newestFirst(made).reverse());
    await expectBackAndForth(read, { sort: 'oldest' }, 3);
  });

  it('searches username, name and address; filters by role, 2FA and days, alone and together', async () => {
    const by = async (raw: Record<string, string>) =>
      walkForward(read, parseListSearch(usersSearchSchema, raw).search, 4);
    expect(await by({ q: 'MEMBER1' })).toEqual(newestFirst(made.filter((u) => u.username.startsWith('member1'))));
    expect(await by({ q: 'lovelace' })).toEqual(newestFirst(made.filter((u) => u.name === 'Ada Lovelace')));
    expect(await by({ q: 'old-company' })).toEqual(newestFirst(made.filter((u) => u.address.includes('old-company'))));
    expect(await by({ q: 'member_1' })).toEqual([]);
    expect(await by({ role: 'staff' })).toEqual(newestFirst(made.filter((u) => u.role === 'staff')));
    expect(await by({ twofa: 'on' })).toEqual(newestFirst(made.filter((u) => u.totp)));
    expect(await by({ twofa: 'off' })).toEqual(newestFirst(made.filter((u) => !u.totp)));
    expect(await by({ from: '2025-02-15', to: '2025-02-15' })).toEqual(
      newestFirst(made.filter((u) => u.at.startsWith('2025-02'))),
    );
    const together = made.filter((u) => u.role === 'user' && !u.totp && u.at < '2025-03');
    expect(together.length).toBeGreaterThan(1);
    expect(await by({ role: 'user', twofa: 'off', to: '2025-02-28' })).toEqual(newestFirst(together));
  });

  it('drops malformed choices, refuses control characters in the search, and shows the first page for a tampered cursor', async () => {
    const { search, refused } = parseListSearch(usersSearchSchema, {
      q: '\u0000member',
      role: 'root',
      twofa: 'maybe',
      from: '2025-02-30',
      cursor: 'a'.repeat(201),
      dir: 'sideways',
    });
    expect(Object.values(search).filter((v) => v !== undefined)).toEqual([]);
    // The page leaves the search out and says why (the JSON route answers 400 instead).
    expect(refused).toEqual({ q: SEARCH_TEXT_ERRORS.control });
    const first = await read({}, 5);
    for (const cursor of TAMPERED_CURSORS) {
      const page = await read({ cursor, dir: 'next' }, 5);
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});
