import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { flags, scans } from '@/db/schema';
import { seedDemo } from '@/dev/demo/seed/seed-demo';
import { LAPSED_STAGES } from '@/core/domains';
import { scheduleDueDomains } from '@/lib/jobs/tick';
import { getOverviewCounts } from '@/lib/overview/queries';
import { setupTestDatabase } from '../../support/test-db';

// The demo's past hangs together: every flag was opened by a scan that exists and ran before it,
// after a check saw its domain in a lapsed stage; the overview's 90-day chart shows months of
// flags, not one day's spike; the scans' counters count what the tables hold.

process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';

const t = setupTestDatabase();
// The overview's chart reads the database clock: the demo is seeded as of now, as `npm start` does.
const now = new Date();
const lapsed = [...LAPSED_STAGES] as string[];

beforeAll(async () => {
  const summary = await seedDemo(t.db, { now });
  expect(summary.seeded).toBe(true);
});

describe('demo history', () => {
  it('has months of finished scans, the last a few hours ago, and the overview lists them', async () => {
    const rows = await t.sql<{ kind: string; state: string; ordered: boolean; age_hours: number }[]>`
      select kind, state, started_at >= created_at and finished_at > started_at and finished_at < ${now.toISOString()}::timestamptz as ordered,
             extract(epoch from ${now.toISOString()}::timestamptz - created_at) / 3600 as age_hours
      from scans order by created_at`;
    expect(rows.length).toBeGreaterThan(150);
    expect(rows[0]!.kind).toBe('full');
    expect(rows.every((s) => s.state === 'done' && s.ordered)).toBe(true);
    expect(Number(rows[rows.length - 1]!.age_hours)).toBeLessThan(24);
    const overview = await getOverviewCounts(t.db);
    expect(overview.lastScans).toHaveLength(5);
    expect(overview.lastScans.every((s) => s.state === 'done' && s.counters.domainsChecked > 0)).toBe(true);
  });

  it('opens every flag in a scan that exists, started before it, at a check that saw the domain lapsed', async () => {
    const [n] = await t.db.select({ n: count() }).from(flags);
    expect(n!.n).toBeGreaterThan(100);
    const broken = await t.sql`
      select f.id, f.created_at, s.id as scan, s.started_at, s.finished_at
      from flags f left join scans s on s.id = f.scan_id
      where s.id is null or s.started_at >= f.created_at or s.finished_at < f.created_at`;
    expect(broken).toEqual([]);
    // The check that opened the flag: same domain, same scan, a lapsed stage, no later than the flag.
    const unseen = await t.sql`
      select f.id from flags f
      where not exists (
        select 1 from domain_observations o
        where o.domain_id = f.domain_id and o.scan_id = f.scan_id and o.observed_at <= f.created_at
          and o.parsed_stage::text in ${t.sql(lapsed)})`;
    expect(unseen).toEqual([]);
    // No check before it saw a lapsed stage while the address was verified: the flag is the first.
    const late = await t.sql`
      select f.id from flags f join emails e on e.id = f.email_id
      where exists (
        select 1 from domain_observations o
        where o.domain_id = f.domain_id and o.observed_at < f.created_at and o.observed_at >= e.verified_at
          and o.parsed_stage::text in ${t.sql(lapsed)})
        and f.state = 'open'`;
    expect(late).toEqual([]);
    // The stage a flag records (escalated as the lapse went on) was itself observed, at or after its opening.
    const escalatedUnseen = await t.sql`
      select f.id from flags f
      where not exists (
        select 1 from domain_observations o
        where o.domain_id = f.domain_id and o.parsed_stage = f.stage and o.observed_at >= f.created_at)`;
    expect(escalatedUnseen).toEqual([]);
  });

  it('unverifies each flagged address when its flag opened, after it was verified', async () => {
    const mismatched = await t.sql`
      select f.id from flags f join emails e on e.id = f.email_id
      where f.state = 'open' and (e.verified_at >= f.created_at or e.verified or e.unverified_at is distinct from f.created_at)`;
    expect(mismatched).toEqual([]);
    // Restored domains: the flag was resolved by the check that saw the renewal; the owners verified again.
    const resolved = await t.sql<{ stage: string; verified: boolean; in_order: boolean }[]>`
      select d.stage, e.verified, e.unverified_at is null and f.created_at < f.resolved_at and f.resolved_at < e.verified_at as in_order
      from flags f join emails e on e.id = f.email_id join domains d on d.id = f.domain_id
      where f.state = 'resolved'`;
    expect(resolved.length).toBeGreaterThan(0);
    for (const r of resolved) expect(r).toMatchObject({ stage: 'active', verified: true, in_order: true });
  });

  it('spreads the flags of the last 90 days over many days: no single day’s spike', async () => {
    const { flagsPerDay } = await getOverviewCounts(t.db);
    expect(flagsPerDay).toHaveLength(90);
    const opened = flagsPerDay.map((d) => d.opened);
    const total = opened.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(50);
    expect(opened.filter((n) => n > 0).length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...opened) / total).toBeLessThan(0.2);
    expect(flagsPerDay.some((d) => d.resolved > 0)).toBe(true);
  });

  it('counts in each scan what the tables hold: checks, flags opened and resolved', async () => {
    const mismatched = await t.sql`
      select s.id, s.total, s.checked, s.counters, o.n as observed, fo.n as opened, fr.n as resolved
      from scans s
      left join lateral (select count(distinct domain_id)::int as n from domain_observations where scan_id = s.id) o on true
      left join lateral (select count(*)::int as n from flags where scan_id = s.id) fo on true
      left join lateral (
        select count(*)::int as n from flags f where f.state = 'resolved' and exists (
          select 1 from domain_observations x where x.scan_id = s.id and x.domain_id = f.domain_id and x.observed_at = f.resolved_at)
      ) fr on true
      where s.total <> o.n or s.checked <> o.n or (s.counters->>'domainsChecked')::int <> o.n
         or (s.counters->>'flagsOpened')::int <> fo.n or (s.counters->>'addressesUnverified')::int <> fo.n
         or (s.counters->>'flagsResolved')::int <> fr.n`;
    expect(mismatched).toEqual([]);
  });

  it('leaves each domain as its last check saw it, with stage changes along the way and nothing due', async () => {
    const mismatched = await t.sql`
      select d.name from domains d
      join lateral (
        select parsed_stage, observed_at from domain_observations where domain_id = d.id order by observed_at desc limit 1
      ) last on true
      where last.parsed_stage <> d.stage or last.observed_at <> d.last_checked_at or d.next_check_at <= now()
         or d.stage_since > d.last_checked_at
         or exists (select 1 from domain_observations o where o.domain_id = d.id and o.observed_at >= d.stage_since and o.parsed_stage <> d.stage)`;
    expect(mismatched).toEqual([]);
    // Lapsing domains went through the stages before: a redemption domain was seen in grace first.
    const [row] = await t.sql<{ n: number; with_grace: number }[]>`
      select count(*)::int as n,
             count(*) filter (where exists (
               select 1 from domain_observations o where o.domain_id = d.id and o.parsed_stage = 'grace'
                 and o.observed_at < d.stage_since))::int as with_grace
      from domains d where d.stage = 'redemption'`;
    expect(row!.n).toBeGreaterThan(0);
    expect(row!.with_grace).toBe(row!.n);
    // A new holder's registration is never seen before the date it was made.
    const early = await t.sql`
      select d.name from domains d join domain_observations o on o.domain_id = d.id
      where d.stage = 're_registered' and o.parsed_stage = 're_registered' and o.observed_at < d.registered_at`;
    expect(early).toEqual([]);
    expect(await scheduleDueDomains(t.db, new Date())).toBeNull();
  });

  it('adds nothing on a second run', async () => {
    const [before] = await t.db.select({ n: count() }).from(scans);
    expect((await seedDemo(t.db, { now: new Date() })).seeded).toBe(false);
    const [after] = await t.db.select({ n: count() }).from(scans);
    expect(after!.n).toBe(before!.n);
  });
});
