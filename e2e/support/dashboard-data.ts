import type { e2eSql } from './db';

// Dashboard fixtures on top of e2e/support/fixtures.ts: what a refused write must leave alone, and a
// domain's history of checks as months of a running scheduler would have recorded it.

type Sql = ReturnType<typeof e2eSql>;

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
 * Months of daily checks for `name` (a domain a spec made, in redemption), consistent with its own
 * lifecycle dates (active, expiring in the 30 days before expiry, grace, then redemption), as a
 * running scheduler would have recorded them: its first scan left one check; this gives it a history.
 */
export async function seedCheckHistory(sql: Sql, name: string): Promise<void> {
  const [d] = await sql<{ id: number; expires: string | null; grace_ends: string | null }[]>`
    select id, timeline->'expiresAt'->>'at' as expires, timeline->'graceEndsAt'->>'at' as grace_ends from domains
    where name = ${name} and stage = 'redemption'`;
  if (!d?.expires) throw new Error(`${name} is not in redemption with a stated expiry`);
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
}
