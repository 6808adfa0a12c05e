import type { e2eSql } from './db';

// Fixtures the demo seed does not have: flags the blast-radius guard held back (their addresses
// still verified), on domains chosen from the seed. Returns what was made, for the assertions.

type Sql = ReturnType<typeof e2eSql>;

// The demo logins' own domains: other specs rely on their state.
export const DEMO_DOMAINS = ['lapsed-example.dev', 'alice-dev.io'];

/** Turns `n` open flags on `stage` domains into held ones, as a guard-tripped scan leaves them. */
export async function holdFlagsForReview(sql: Sql, n: number, stage = 'redemption') {
  const rows = await sql<{ id: number; email_id: number; address: string; domain: string }[]>`
    select f.id, f.email_id, e.address, d.name as domain from flags f
    join emails e on e.id = f.email_id join domains d on d.id = f.domain_id
    where f.state = 'open' and f.stage = ${stage} and d.name not in ${sql(DEMO_DOMAINS)}
    order by f.id desc limit ${n}`;
  const ids = rows.map((r) => r.id);
  await sql`update flags set state = 'pending_review' where id in ${sql(ids)}`;
  await sql`update emails set verified = true, unverify_reason = null, unverified_at = null where id in ${sql(rows.map((r) => r.email_id))}`;
  return rows;
}

/** An open flag on a domain of `stage` that nobody has overridden or notified yet. */
export async function freshOpenFlag(sql: Sql, stage: string) {
  const [row] = await sql<{ id: number; email_id: number; address: string; domain: string; user_id: number }[]>`
    select f.id, f.email_id, e.address, d.name as domain, e.user_id from flags f
    join emails e on e.id = f.email_id join domains d on d.id = f.domain_id
    where f.state = 'open' and d.stage = ${stage} and d.name not in ${sql(DEMO_DOMAINS)}
      and not exists (select 1 from notifications n where n.dedupe_key like 'staff_notice:flag:' || f.id || ':%')
    order by f.id limit 1`;
  if (!row) throw new Error(`no open flag on a ${stage} domain left in the e2e database`);
  return row;
}

/** Waits until no scan a person asked for is queued or running (the scheduler's own may go on). */
export async function waitForIdleScans(sql: Sql, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sql<
      { n: number }[]
    >`select count(*)::int as n from scans where state in ('queued', 'running') and requested_by is not null`;
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('scans still running after a minute');
}

/**
 * What a refused write must leave alone: everything a person can cause (their scans, their audit rows,
 * overrides, staff notices, settings, domain lists) and the given flags with their addresses. Rows the
 * worker's own scans may move meanwhile (other flags, scan states, its audit rows) are left out.
 */
export async function writeState(sql: Sql, flagIds: number[] = []) {
  const [row] = await sql<{ state: string }[]>`
    select md5(concat_ws('|',
      (select string_agg(concat_ws(',', f.id, f.state, f.resolved_at, e.verified, e.unverify_reason), ';' order by f.id)
         from flags f join emails e on e.id = f.email_id where f.id in ${sql(flagIds.length ? flagIds : [0])}),
      (select count(*) from overrides),
      (select count(*) from notifications where kind = 'staff_notice'),
      (select count(*) from audit_log where actor_type = 'user'),
      (select string_agg(id::text, ',' order by id) from scans where requested_by is not null),
      (select string_agg(concat_ws(',', key, value::text), ';' order by key) from settings),
      (select string_agg(domain, ';' order by domain) from domain_lists)
    )) as state`;
  return row!.state;
}

const DAY = 86_400_000;
const WORDS: Record<string, string[]> = {
  active: ['client transfer prohibited'],
  expiring: ['client transfer prohibited'],
  grace: ['auto renew period', 'client transfer prohibited'],
  redemption: ['redemption period', 'pending delete'],
};

/**
 * Months of daily checks for a seeded domain in redemption, consistent with its own lifecycle dates
 * (active, expiring in the 30 days before expiry, grace, then redemption), as a running scheduler
 * would have recorded them. The seed has one check per domain; this gives the timeline a history.
 */
export async function seedCheckHistory(sql: Sql): Promise<string> {
  const [d] = await sql<{ id: number; name: string; expires: string; grace_ends: string | null }[]>`
    select id, name, timeline->'expiresAt'->>'at' as expires, timeline->'graceEndsAt'->>'at' as grace_ends from domains
    where stage = 'redemption' and timeline->'expiresAt' is not null and name not in ${sql(DEMO_DOMAINS)}
    order by name limit 1`;
  if (!d) throw new Error('no seeded domain in redemption with a stated expiry');
  const expires = Date.parse(d.expires);
  const graceEnds = d.grace_ends ? Date.parse(d.grace_ends) : expires + 45 * DAY;
  const stageAt = (t: number) =>
    t < expires - 30 * DAY ? 'active' : t < expires ? 'expiring' : t < graceEnds ? 'grace' : 'redemption';
  const rows = [];
  for (let day = 200; day >= 2; day -= 1) {
    const at = Date.now() - day * DAY;
    const stage = stageAt(at);
    rows.push({
      domain_id: d.id,
      observed_at: new Date(at),
      source: 'rdap',
      status_words: WORDS[stage]!,
      parsed_stage: stage,
      latency_ms: 120 + (day % 40),
      error: null,
    });
    if (day % 3 === 0) {
      const failed = day % 27 === 0;
      rows.push({
        domain_id: d.id,
        observed_at: new Date(at + 1000),
        source: 'fastly',
        status_words: failed ? null : stage === 'redemption' ? ['deleting'] : ['active'],
        parsed_stage: stage,
        latency_ms: failed ? 10_000 : 90,
        error: failed ? 'timeout: no answer within 10 s' : null,
      });
    }
  }
  await sql`insert into domain_observations ${sql(rows)}`;
  return d.name;
}
