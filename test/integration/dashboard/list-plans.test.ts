import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxSearch } from '@/lib/notify/outbox-search';
import { outboxPageQuery } from '@/lib/notify/queries';
import { encodeCursor } from '@/lib/pagination/cursor';
import { resetAttemptsPageQuery } from '@/lib/reset/queries';
import type { ResetSearch } from '@/lib/reset/search';
import { usersPageQuery } from '@/lib/users/queries';
import type { UsersSearch } from '@/lib/users/search';
import { setupTestDatabase } from '../../support/test-db';

// The keyset lists read one index range, whatever the page: with enough rows that a sequential scan
// would cost, each query's plan names the index the migration made for it and scans no table whole.
// (A deep cursor is read from the middle of the data, as a staff member paging far would send it.)

const t = setupTestDatabase();
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const deep: Record<'notifications' | 'reset_attempts' | 'users', string> = {
  notifications: '',
  reset_attempts: '',
  users: '',
};

beforeAll(async () => {
  await t.sql.unsafe(`
    insert into users (username, name, role, password_hash, totp_enabled, created_at)
    select 'member' || i, 'Person ' || i, (case when i % 50 = 0 then 'staff' else 'user' end)::role, 'x', i % 20 = 0,
      timestamptz '2024-01-01' + (i / 3) * interval '1 minute'
    from generate_series(1, 20000) i;
    insert into emails (user_id, address, domain, verified)
    select id, 'box' || id || '@gmail.com', 'gmail.com', id % 3 > 0 from users;
    insert into notifications (user_id, address, kind, channel, dedupe_key, state, created_at)
    select 1 + i % 20000, 'rcpt' || i || '@example.org',
      (array['domain_expiring','address_unverified','staff_notice','verify_address','password_reset','account_change'])[1 + i % 6]::notification_kind,
      (case when i % 5 = 0 then 'in_app' else 'email' end)::notification_channel, 'plan:' || i,
      (array['queued','sent','sent','sent','sent','sent','sent','sent','sent','failed'])[1 + i % 10]::notification_state,
      timestamptz '2025-01-01' + (i / 4) * interval '1 minute'
    from generate_series(1, 40000) i;
    insert into reset_attempts (input, user_id, outcome, at)
    select substr(md5(i::text), 1, 12) || '@gmail.com', case when i % 2 = 0 then 1 + i % 20000 end,
      (array['sent','refused_unverified','refused_flagged','refused_domain','no_recovery_address','unknown_input','rate_limited'])[1 + i % 7],
      timestamptz '2025-06-01' + (i / 2) * interval '1 minute'
    from generate_series(1, 20000) i;
    analyze users; analyze emails; analyze notifications; analyze reset_attempts;`);
  const middle = async (table: keyof typeof deep, at: string, where = 'true') => {
    const [row] = await t.sql.unsafe(
      `select ${at}::text as at, id from ${table} where ${where} order by ${at} desc, id desc offset 9000 limit 1`,
    );
    deep[table] = encodeCursor({ at: String(row!.at), id: Number(row!.id) });
  };
  await middle('notifications', 'created_at', `channel = 'email'`);
  await middle('reset_attempts', 'at');
  await middle('users', 'created_at');
});

/**
 * The plan of a page query. A text search is planned with sequential and plain index scans priced out
 * (only bitmap scans on index conditions remain): at this test's size reading a whole table is cheaper
 * than any index, so the check there is that the query's shape
 * lets the trigram indexes answer it (no function around the column, a pattern pg_trgm can use). At
 * scale the planner picks them on its own (`npm run bench:dashboard` shows the flags search doing so).
 */
async function plan(query: { toSQL(): { sql: string; params: unknown[] } }, search: { q?: string }): Promise<string> {
  const { sql, params } = query.toSQL();
  const rows = await t.sql.begin(async (tx) => {
    if (search.q) {
      // Only index conditions may find rows: a whole-table read through any index (which newer
      // PostgreSQL picks for emails at this size, ordered by emails_user_idx) would not show the shape.
      await tx.unsafe('set local enable_seqscan = off');
      await tx.unsafe('set local enable_indexscan = off');
      await tx.unsafe('set local enable_indexonlyscan = off');
    }
    return tx.unsafe(`explain ${sql}`, params as never[]);
  });
  return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
}

function expectIndexes(text: string, table: string, indexes: string[], search: { q?: string }) {
  for (const index of indexes) expect(text, text).toContain(index);
  expect(text, text).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
  // Sorting every matching row is what keyset paging avoids (a search sorts its few matches).
  if (!search.q) expect(text, text).not.toMatch(/\bSort\b/);
}

describe('outbox mail', () => {
  const cases: [string, OutboxSearch, string[]][] = [
    ['first page', {}, ['notifications_outbox_idx']],
    ['oldest first', { sort: 'oldest' }, ['notifications_outbox_idx']],
    ['a deep cursor', { cursor: 'deep', dir: 'next' }, ['notifications_outbox_idx']],
    ['a page back from a deep cursor', { cursor: 'deep', dir: 'prev' }, ['notifications_outbox_idx']],
    ['by state', { state: 'failed' }, ['notifications_outbox_state_idx']],
    ['by state, deep', { state: 'failed', cursor: 'deep', dir: 'next' }, ['notifications_outbox_state_idx']],
    ['by kind', { kind: 'password_reset' }, ['notifications_outbox_kind_idx']],
    ['by days', { from: '2025-01-10', to: '2025-01-11' }, ['notifications_outbox_idx']],
    ['by recipient', { q: 'rcpt12345@' }, ['notifications_address_trgm_idx']],
  ];
  it.each(cases)('%s', async (_, search, indexes) => {
    const cursor = search.cursor ? deep.notifications : undefined;
    expectIndexes(
      await plan(outboxPageQuery(t.db, { ...search, cursor }).query, search),
      'notifications',
      indexes,
      search,
    );
  });
});

describe('password-reset requests', () => {
  const cases: [string, ResetSearch, string[]][] = [
    ['first page', {}, ['reset_attempts_at_id_idx']],
    ['oldest first, deep', { sort: 'oldest', cursor: 'deep', dir: 'next' }, ['reset_attempts_at_id_idx']],
    ['a deep cursor', { cursor: 'deep', dir: 'next' }, ['reset_attempts_at_id_idx']],
    ['by outcome', { outcome: 'refused_flagged' }, ['reset_attempts_outcome_at_idx']],
    ['by days', { from: '2025-06-03', to: '2025-06-03' }, ['reset_attempts_at_id_idx']],
    ['by what was asked for', { q: md5('1234').slice(2, 10) }, ['reset_attempts_input_trgm_idx']],
  ];
  it.each(cases)('%s', async (_, search, indexes) => {
    const cursor = search.cursor ? deep.reset_attempts : undefined;
    expectIndexes(
      await plan(resetAttemptsPageQuery(t.db, { ...search, cursor }).query, search),
      'reset_attempts',
      indexes,
      search,
    );
  });
});

describe('users', () => {
  const cases: [string, UsersSearch, string[]][] = [
    ['first page', {}, ['users_created_idx']],
    ['a deep cursor', { cursor: 'deep', dir: 'next' }, ['users_created_idx']],
    ['oldest first, a page back', { sort: 'oldest', cursor: 'deep', dir: 'prev' }, ['users_created_idx']],
    ['by role', { role: 'staff' }, ['users_role_created_idx']],
    ['by 2FA on (an app or a passkey)', { twofa: 'on' }, ['users_second_factor_created_idx']],
    ['by days', { from: '2024-01-02', to: '2024-01-02' }, ['users_created_idx']],
    [
      'by username, name or address',
      { q: 'member1234' },
      ['users_username_trgm_idx', 'users_name_trgm_idx', 'emails_address_trgm_idx'],
    ],
  ];
  it.each(cases)('%s', async (_, search, indexes) => {
    const cursor = search.cursor ? deep.users : undefined;
    expectIndexes(await plan(usersPageQuery(t.db, { ...search, cursor }).query, search), 'users', indexes, search);
  });
});
