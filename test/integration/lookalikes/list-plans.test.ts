import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { candidatesPageQuery } from '@/lib/lookalikes/queries';
import type { LookalikeSearch } from '@/lib/lookalikes/search';
import { encodeCursor } from '@/lib/pagination/cursor';
import { setupTestDatabase } from '../../support/test-db';

// The candidates list reads one index range, whatever the page (as the dashboard lists do, see
// test/integration/dashboard/list-plans.test.ts): with enough candidates that sorting them would cost,
// the plan names the index migration 0019 made for the order and sorts nothing. A deep cursor is read
// from the middle of the data, as a staff member paging far would send it.

const t = setupTestDatabase();
const deep = { registered: '', all: '' };

beforeAll(async () => {
  await t.sql.unsafe(`
    insert into domains (name, stage)
    select 'cand' || i || '.org', (case when i % 10 = 0 then 'active' else 'available' end)::domain_stage
    from generate_series(1, 20000) i;
    insert into lookalike_candidates (domain_id, unicode, first_seen_at, registered, registered_seen_at, has_mx, mark)
    select id, name, timestamptz '2025-01-01' + (id / 3) * interval '1 minute', id % 10 = 0,
      case when id % 10 = 0 then timestamptz '2025-03-01' + (id / 30) * interval '1 minute' end,
      id % 40 = 0, case when id % 500 = 0 then 'malicious' end
    from domains;
    insert into lookalike_names (name, kind, tlds) values ('cand.org', 'domain', '{org}'), ('cand', 'word', '{com}');
    insert into lookalike_sources (name_id, domain_id, families)
    select n.id, c.domain_id, case when c.domain_id % 2 = 0 then '{homoglyph}' else '{omission,tld}' end::text[]
    from lookalike_candidates c join lookalike_names n on n.name = 'cand.org' or c.domain_id % 4 = 0;
    analyze domains; analyze lookalike_candidates; analyze lookalike_sources; analyze lookalike_names;`);
  const middle = async (key: keyof typeof deep, where: string, offset: number) => {
    const [row] = await t.sql.unsafe(
      `select coalesce(registered_seen_at, first_seen_at)::text as at, domain_id as id from lookalike_candidates
       where ${where} order by 1 desc, 2 desc offset ${offset} limit 1`,
    );
    deep[key] = encodeCursor({ at: String(row!.at), id: Number(row!.id) });
  };
  await middle('registered', 'registered', 1000);
  await middle('all', 'true', 9000);
});

async function plan(search: LookalikeSearch): Promise<string> {
  const { sql, params } = new PgDialect().sqlToQuery(candidatesPageQuery(search).query);
  const rows = await t.sql.unsafe(`explain ${sql}`, params as never[]);
  return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
}

const cases: [string, LookalikeSearch, keyof typeof deep | null, string][] = [
  ['first page (registered)', {}, null, 'lookalike_candidates_registered_listed_idx'],
  ['a deep cursor', { dir: 'next' }, 'registered', 'lookalike_candidates_registered_listed_idx'],
  ['a page back from a deep cursor', { dir: 'prev' }, 'registered', 'lookalike_candidates_registered_listed_idx'],
  ['oldest first, deep', { sort: 'oldest', dir: 'next' }, 'registered', 'lookalike_candidates_registered_listed_idx'],
  ['by family', { family: 'homoglyph' }, null, 'lookalike_candidates_registered_listed_idx'],
  ['by watched name', { name: 'cand' }, null, 'lookalike_candidates_registered_listed_idx'],
  ['all candidates', { state: 'all' }, null, 'lookalike_candidates_listed_idx'],
  ['all candidates, deep', { state: 'all', dir: 'next' }, 'all', 'lookalike_candidates_listed_idx'],
  ['not registered', { state: 'unregistered' }, null, 'lookalike_candidates_listed_idx'],
  ['with MX', { state: 'mail' }, null, 'lookalike_candidates_listed_idx'],
];

describe('look-alike candidates list plans', () => {
  it.each(cases)('%s', async (_, search, cursorFrom, index) => {
    const text = await plan({ ...search, cursor: cursorFrom ? deep[cursorFrom] : undefined });
    expect(text, text).toContain(index);
    expect(text, text).not.toMatch(/Seq Scan on lookalike_candidates\b/);
    // Sorting every matching candidate is what keyset paging avoids. (The sub-plans below it sort each
    // row's few watched names and families for display.)
    const outer = text.split(/\n\s*SubPlan/)[0]!;
    expect(outer, text).not.toMatch(/\bSort\b/);
  });
});
