import type postgres from 'postgres';
import { hashPassword } from '@/lib/auth/password';

// A registry at scale, generated inside PostgreSQL (generate_series): 250,000 users with four addresses
// each (1,000,000 addresses, three on custom domains, one at a big provider), 20,000 custom domains
// in every stage, 100,000 flags over a year in every state, and one domain with a year of daily checks
// for the timeline. Deterministic: the same numbers on every run.

export const SCALE = { users: 250_000, domains: 20_000, flags: 100_000 } as const;
export const TIMELINE_DOMAIN = 'bench-d6.dev';
export const BENCH_LOGIN = { username: 'bench-staff', password: 'bench-dashboard-password' };

const STAGES = `array['active','active','active','active','expiring','grace','redemption','pending_delete','available','re_registered']::domain_stage[]`;

export async function seedScale(sql: postgres.Sql, log: (line: string) => void): Promise<void> {
  const step = async (label: string, query: string) => {
    const started = Date.now();
    await sql.unsafe(query);
    log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  await sql`insert into users (name, username, role, password_hash) values ('Bench Staff', ${BENCH_LOGIN.username}, 'staff', ${await hashPassword(BENCH_LOGIN.password)})`;
  await step(
    `${SCALE.users.toLocaleString('en')} users`,
    `
    insert into users (name, username, role, password_hash)
    select 'Bench user ' || i, 'bench' || i, 'user', 'x' from generate_series(1, ${SCALE.users}) i`,
  );
  await step(
    `${SCALE.domains.toLocaleString('en')} domains`,
    `
    insert into domains (name, stage, stage_since, registered_at, expires_at, registrar, last_checked_at, next_check_at)
    select 'bench-d' || i || '.dev', (${STAGES})[1 + i % 10], now() - (i % 40) * interval '1 day',
           now() - interval '3 years' - (i % 700) * interval '1 day', now() + ((i % 400) - 120) * interval '1 day',
           'Bench Registrar ' || (i % 7), now() - (i % 20) * interval '1 hour', now() + (i % 30) * interval '1 day'
    from generate_series(1, ${SCALE.domains}) i`,
  );
  await step(
    '1,000,000 addresses',
    `
    insert into emails (user_id, address, domain, is_primary, verified, verified_at)
    select u.id,
           'b' || u.id || '.' || k || '@' || case when k < 3 then 'bench-d' || ((u.id * 3 + k) % ${SCALE.domains} + 1) || '.dev' else 'gmail.com' end,
           case when k < 3 then 'bench-d' || ((u.id * 3 + k) % ${SCALE.domains} + 1) || '.dev' else 'gmail.com' end,
           k = 3, true, now() - interval '2 years'
    from users u cross join generate_series(0, 3) k where u.username like 'bench%' and u.username <> '${BENCH_LOGIN.username}'`,
  );
  await step(
    `${SCALE.flags.toLocaleString('en')} flags`,
    `
    insert into flags (email_id, domain_id, stage, state, created_at, resolved_at, resolution)
    select e.id, d.id, d.stage,
           (case when n % 20 = 0 then 'pending_review' when n % 10 = 1 then 'overridden' when n % 7 = 2 then 'resolved' else 'open' end)::flag_state,
           now() - n * interval '315 seconds' - (n % 997) * interval '1 microsecond',
           case when n % 10 = 1 or (n % 7 = 2 and n % 20 <> 0) then now() - n * interval '300 seconds' end,
           case when n % 10 = 1 then 'override_keep_unverified' when n % 7 = 2 and n % 20 <> 0 then 'domain_renewed' end
    from (
      select e.id, e.domain, row_number() over (order by e.id) as n from emails e
      where e.domain in (select name from domains where stage in ('redemption','pending_delete','available','re_registered'))
    ) e join domains d on d.name = e.domain
    where e.n <= ${SCALE.flags}`,
  );
  await step(
    'unverified addresses, overrides, notices',
    `
    update emails set verified = false, unverify_reason = 'domain_lifecycle', unverified_at = now() - interval '1 day'
      where id in (select email_id from flags where state in ('open', 'overridden'));
    insert into overrides (flag_id, decision, reason, overridden_at)
      select id, 'keep_unverified', 'bench: owner confirmed', resolved_at from flags where state = 'overridden';
    insert into notifications (user_id, email_id, kind, channel, dedupe_key, state, sent_at)
      select e.user_id, f.email_id, 'staff_notice', 'in_app', 'staff_notice:flag:' || f.id || ':in_app', 'sent', now()
      from flags f join emails e on e.id = f.email_id where f.id % 9 = 0`,
  );
  await step(
    'scans and observations (a year of daily checks for the timeline domain)',
    `
    insert into scans (kind, trigger, state, created_at, started_at, finished_at, total, checked)
      select 'scheduled', 'schedule', 'done', now() - i * interval '1 day', now() - i * interval '1 day', now() - i * interval '1 day' + interval '4 minutes', 2000, 2000
      from generate_series(1, 365) i;
    insert into domain_observations (domain_id, observed_at, source, status_words, parsed_stage, registrar, expires_at, latency_ms)
      select d.id, now() - (d.id % 20) * interval '1 hour' - k * interval '3 days', 'rdap', array['client transfer prohibited'], d.stage, d.registrar, d.expires_at, 80 + d.id % 300
      from domains d cross join generate_series(0, 1) k;
    insert into domain_observations (domain_id, scan_id, observed_at, source, status_words, parsed_stage, registrar, expires_at, latency_ms, error)
      select d.id, (select id from scans s where s.created_at::date = (now() - i * interval '1 day')::date limit 1),
             now() - i * interval '1 day', src::observation_source,
             case when i > 80 then array['client transfer prohibited'] when i > 50 then array['auto renew period'] else array['redemption period', 'pending delete'] end,
             (case when i > 110 then 'active' when i > 80 then 'expiring' when i > 50 then 'grace' else 'redemption' end)::domain_stage,
             'Bench Registrar', now() - interval '80 days', 100 + i % 50, case when i % 37 = 0 then 'timeout: no answer within 10 s' end
      from domains d cross join generate_series(1, 365) i cross join unnest(array['rdap', 'fastly']) src
      where d.name = '${TIMELINE_DOMAIN}';
    update domains set stage = 'redemption', stage_since = now() - interval '50 days', expires_at = now() - interval '80 days',
      timeline = jsonb_build_object(
        'registeredAt', jsonb_build_object('at', to_char((now() at time zone 'UTC') - interval '4 years', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'stated'),
        'expiresAt', jsonb_build_object('at', to_char((now() at time zone 'UTC') - interval '80 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'stated'),
        'graceEndsAt', jsonb_build_object('at', to_char((now() at time zone 'UTC') - interval '35 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'estimated'),
        'redemptionEndsAt', jsonb_build_object('at', to_char((now() at time zone 'UTC') + interval '5 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'estimated'),
        'deletionAt', jsonb_build_object('at', to_char((now() at time zone 'UTC') + interval '10 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'estimated'))
      where name = '${TIMELINE_DOMAIN}'`,
  );
  await step('analyze', 'analyze');
}
