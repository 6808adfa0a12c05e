import { sql } from 'drizzle-orm';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { UNSAFE_STAGES } from '@/lib/reset/recovery-addresses';
import { batchProblem, type SyncAccount } from './schemas';

export interface SyncResult {
  accounts: number;
  usersCreated: number;
  usersRenamed: number;
  addressesAdded: number;
  addressesChanged: number;
  addressesRemoved: number;
}

// Set-based: each step is one statement over the whole batch (JSON expanded by PostgreSQL), so a
// batch of 10,000 accounts costs a handful of statements, not tens of thousands.
const expand = (accounts: SyncAccount[]) => ({
  users: JSON.stringify(accounts.map((a) => ({ u: a.username, n: a.name }))),
  addresses: JSON.stringify(
    accounts.flatMap((a) =>
      a.addresses.map((x) => ({
        u: a.username,
        a: x.address,
        d: x.domain,
        v: x.verified,
        t: x.verifiedAt,
        p: x.primary,
      })),
    ),
  ),
});

/**
 * Makes Gravekeeper's copy of the registry's accounts in the batch what the batch says: accounts
 * created or renamed, addresses added, changed (verification, primary) and removed. Idempotent: the
 * same batch again changes nothing. All or nothing: a username that belongs to an account made here,
 * or an address that belongs to an account outside the batch, refuses the whole batch.
 *
 * One rule the registry cannot override: an address Gravekeeper unverified because its domain lapsed
 * stays unverified whatever the batch says (a stranger holding the re-registered domain can "verify"
 * it at the registry); only the owner re-verifying here, after a domain check, restores it.
 */
export async function syncAccounts({
  ctx: { tx, actor, now },
  input: accounts,
}: {
  ctx: VerbContext<Actor>;
  input: SyncAccount[];
}): Promise<SyncResult> {
  const { users: usersJson, addresses: addressesJson } = expand(accounts);
  const indexOf = new Map(accounts.map((a, i) => [a.username, i]));

  const local = await tx.execute<{ username: string }>(sql`
    select u.username from users u join json_to_recordset(${usersJson}::json) as x(u text, n text) on x.u = u.username
    where not u.synced order by u.username limit 1`);
  if (local[0]) {
    const name = local[0].username;
    throw batchProblem(
      'conflict',
      indexOf.get(name) ?? null,
      'username',
      `${name} is an account made in Gravekeeper, which a sync never changes`,
    );
  }
  const taken = await tx.execute<{ u: string; a: string }>(sql`
    select x.u, x.a from json_to_recordset(${addressesJson}::json) as x(u text, a text)
    join emails e on e.address = x.a join users o on o.id = e.user_id
    where o.username <> x.u
      and (not o.synced or not exists (select 1 from json_to_recordset(${usersJson}::json) as b(u text) where b.u = o.username))
    limit 1`);
  if (taken[0]) {
    const { u, a } = taken[0];
    const i = indexOf.get(u) ?? null;
    const field = `addresses[${accounts[i ?? 0]?.addresses.findIndex((x) => x.address === a) ?? 0}].address`;
    throw batchProblem('conflict', i, field, `${a} belongs to another account that is not in this batch`);
  }

  const users = await tx.execute<{ inserted: boolean }>(sql`
    insert into users (username, name, password_hash, synced, created_at)
    select x.u, x.n, 'synced', true, ${now.toISOString()}::timestamptz from json_to_recordset(${usersJson}::json) as x(u text, n text)
    on conflict (username) do update set name = excluded.name
      where users.synced and users.name is distinct from excluded.name
    returning (xmax = 0) as inserted`);
  const removed = await tx.execute(sql`
    delete from emails e using users u
    where e.user_id = u.id and u.synced
      and u.username in (select x.u from json_to_recordset(${usersJson}::json) as x(u text))
      and not exists (select 1 from json_to_recordset(${addressesJson}::json) as x(u text, a text) where x.u = u.username and x.a = e.address)
    returning e.id`);
  // A primary that moves: the old one steps down first (one primary per user is a unique index).
  await tx.execute(sql`
    update emails e set is_primary = false
    from json_to_recordset(${addressesJson}::json) as x(u text, a text, p boolean)
    where e.address = x.a and e.is_primary and not x.p`);
  const stamp = sql`${now.toISOString()}::timestamptz`;
  // A domain Gravekeeper last saw lapsing or re-registered (the reset gate's `domain_lapsing`): the
  // registry's "verified" may be a stranger's, who holds the domain now.
  const lapsing = (domain: ReturnType<typeof sql>) =>
    sql`exists (select 1 from domains d where d.name = ${domain} and d.stage in (${sql.join(
      UNSAFE_STAGES.map((stage) => sql`${stage}`),
      sql`, `,
    )}))`;
  const desired = sql`json_to_recordset(${addressesJson}::json) as x(u text, a text, d text, v boolean, t timestamptz, p boolean)`;
  // Existing addresses of the batch's accounts: primary, and the registry unverifying or verifying again
  // (never past a domain-lifecycle unverification, nor onto a lapsing domain).
  const down = sql`(e.verified and not x.v)`;
  const up = sql`(not e.verified and x.v and e.unverify_reason is distinct from 'domain_lifecycle' and not ${lapsing(sql`e.domain`)})`;
  const changed = await tx.execute(sql`
    update emails e set
      is_primary = x.p,
      verified = case when ${down} then false when ${up} then true else e.verified end,
      verified_at = case when ${up} then coalesce(x.t, ${stamp}) else e.verified_at end,
      unverified_at = case when ${down} then ${stamp} when ${up} then null else e.unverified_at end,
      unverify_reason = case when ${down} then coalesce(e.unverify_reason, 'user') when ${up} then null else e.unverify_reason end
    from ${desired} join users u on u.username = x.u
    where e.address = x.a and e.user_id = u.id and (e.is_primary is distinct from x.p or ${down} or ${up})
    returning e.id`);
  // New addresses; one the registry calls verified at a domain last seen lapsing is stored as
  // unverified for the domain's lifecycle, so no later batch can verify it either.
  const added = await tx.execute(sql`
    insert into emails (user_id, address, domain, is_primary, verified, verified_at, unverified_at, unverify_reason)
    select u.id, x.a, x.d, x.p, x.v and not ${lapsing(sql`x.d`)},
           case when x.v then coalesce(x.t, ${stamp}) end,
           case when x.v and ${lapsing(sql`x.d`)} then ${stamp} end,
           case when x.v and ${lapsing(sql`x.d`)} then 'domain_lifecycle'::unverify_reason end
    from ${desired} join users u on u.username = x.u
    on conflict (address) do nothing
    returning id`);
  // New custom domains are due for their first check at once (trusted providers are never watched).
  await tx.execute(sql`
    insert into domains (name, next_check_at)
    select distinct x.d, ${now.toISOString()}::timestamptz from json_to_recordset(${addressesJson}::json) as x(d text)
    where not exists (select 1 from domain_lists l where l.domain = x.d and l.list = 'trusted')
    on conflict (name) do nothing`);

  const result: SyncResult = {
    accounts: accounts.length,
    usersCreated: users.filter((r) => r.inserted).length,
    usersRenamed: users.filter((r) => !r.inserted).length,
    addressesAdded: added.length,
    addressesChanged: changed.length,
    addressesRemoved: removed.length,
  };
  await recordAudit(tx, actor, {
    action: 'api.sync',
    targetType: 'sync',
    targetId: actor.type === 'api' ? actor.tokenId : 0,
    details: { ...result },
  });
  return result;
}
