import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { type DemoDomain, type Scenario, syntheticDomains } from '@/dev/peers/protocol-server/dataset';
import { seededRng } from '@/dev/peers/protocol-server/random';

// A registry shaped like a real one: most addresses at big providers (never checked), custom
// domains with a long tail — most used by one address, a few by dozens or hundreds.
export const CUSTOM_SHARE = 0.15;
const PROVIDERS = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'hotmail.com',
  'proton.me',
  'icloud.com',
  'qq.com',
  'gmx.de',
];

/** Addresses per custom domain: Pareto-like, 1 for most, up to a few hundred. */
function tail(rng: () => number): number {
  const u = Math.max(1e-9, rng());
  return Math.min(400, Math.max(1, Math.floor(0.75 / u ** 0.8)));
}

export interface SyntheticRegistry {
  emails: number;
  domains: DemoDomain[];
  customAddresses: number;
}

/**
 * Lifecycle mix of the custom domains. PyPI's production data (warehouse PR #18055, in
 * shared/fixtures/status/warehouse-pr18055-status-distribution.tsv) found about 1,100 available and
 * 250 otherwise-lapsing domains behind its verified addresses: about 1% — not the 20% lapsing
 * share of the protocol server's default synthetic mix, which exists to exercise every stage.
 */
export const BENCH_MIX: Record<Scenario, number> = {
  active: 0.955,
  expiring: 0.02,
  grace: 0.006,
  redemption: 0.003,
  pending_delete: 0.002,
  available: 0.008,
  re_registered: 0.002,
  on_hold: 0.002,
  undelegated_active: 0.001,
  for_sale: 0.001,
  auto_renewed: 0,
};

export function planRegistry(emails: number, seed: number, now: Date): { domains: DemoDomain[]; counts: number[] } {
  const rng = seededRng(seed);
  const target = Math.round(emails * CUSTOM_SHARE);
  const counts: number[] = [];
  let total = 0;
  while (total < target) {
    const n = Math.min(tail(rng), target - total);
    counts.push(n);
    total += n;
  }
  return { domains: syntheticDomains({ count: counts.length, seed, now, mix: BENCH_MIX }), counts };
}

/** Fills an empty database with `emails` address rows, generated inside PostgreSQL (fast). */
export async function seedRegistry(
  db: Db,
  emails: number,
  plan: { domains: DemoDomain[]; counts: number[] },
): Promise<SyntheticRegistry> {
  const custom = plan.counts.reduce((a, b) => a + b, 0);
  // One JSON parameter (not thousands of bind parameters): PostgreSQL expands it server-side.
  const rows = JSON.stringify(
    plan.domains.map((d, i) => ({ name: d.name, n: plan.counts[i], v: d.record.verifiedAt ?? '2020-01-01T00:00:00Z' })),
  );
  const providers = JSON.stringify(PROVIDERS);
  await db.execute(sql`insert into users (name, username, password_hash)
    select 'Maintainer ' || g, 'm' || g, 'locked' from generate_series(1, ${emails}::int) g`);
  // Custom addresses: one user each, in the order of the plan.
  await db.execute(sql`
    with plan as (select p.name, p.n, p.v, ord from rows from (json_to_recordset(${rows}::json) as (name text, n int, v timestamptz)) with ordinality as p(name, n, v, ord)),
    expanded as (select name, v, row_number() over (order by ord, k) as rn, k from plan, generate_series(1, plan.n) k)
    insert into emails (user_id, address, domain, is_primary, verified, verified_at)
    select rn, 'dev' || k || '@' || name, name, true, true, v from expanded`);
  await db.execute(sql`
    insert into emails (user_id, address, domain, is_primary, verified, verified_at)
    select g, 'm' || g || '@' || p.d, p.d, true, true, now() - interval '400 days'
    from generate_series(${custom + 1}::int, ${emails}::int) g
    cross join lateral (select ${providers}::json ->> (g % ${PROVIDERS.length}::int) as d) p`);
  await db.execute(
    sql`insert into domains (name, next_check_at) select p.name, now() from json_to_recordset(${rows}::json) as p(name text)`,
  );
  await db.execute(sql`analyze`);
  return { emails, domains: plan.domains, customAddresses: custom };
}
