import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import type { Stage } from '@/core/domains';
import type { AddressState, DomainState, FlagState, UnverifyReason } from '@/lib/policy/decide';

export interface AddressRow extends AddressState {
  userId: number;
  address: string;
}

/**
 * The addresses on a domain as the policy needs them, with each one's live flag: open or pending,
 * or overridden while the override is in force (an expired override no longer shields it).
 */
export async function loadAddresses(tx: DbOrTx, domain: string, now: Date): Promise<AddressRow[]> {
  return (await loadAddressesOf(tx, [domain], now)).get(domain) ?? [];
}

/** The same for a whole batch of domains in one query. */
export async function loadAddressesOf(
  tx: DbOrTx,
  domainNames: string[],
  now: Date,
): Promise<Map<string, AddressRow[]>> {
  const out = new Map<string, AddressRow[]>(domainNames.map((d) => [d, []]));
  if (domainNames.length === 0) return out;
  const rows = await tx.execute<{
    id: number;
    user_id: number;
    address: string;
    domain: string;
    verified: boolean;
    verified_at: string | null;
    unverify_reason: UnverifyReason | null;
    flag_id: number | null;
    flag_state: FlagState | null;
    flag_stage: Stage | null;
  }>(sql`
    select e.id, e.user_id, e.address, e.domain, e.verified, e.verified_at, e.unverify_reason,
           f.id as flag_id, f.state as flag_state, f.stage as flag_stage
    from emails e
    left join lateral (
      select f.id, f.state, f.stage from flags f
      where f.email_id = e.id and (
        f.state in ('open', 'pending_review')
        or (f.state = 'overridden' and not exists (
              select 1 from overrides o where o.flag_id = f.id and o.expires_at is not null and o.expires_at <= ${now.toISOString()}::timestamptz)))
      order by f.created_at desc, f.id desc limit 1
    ) f on true
    where e.domain in ${domainNames}
    order by e.id`);
  for (const r of rows)
    out.get(r.domain)?.push({
      emailId: Number(r.id),
      userId: Number(r.user_id),
      address: r.address,
      verified: r.verified,
      verifiedAt: r.verified_at ? new Date(r.verified_at) : null,
      unverifyReason: r.unverify_reason,
      openFlag: r.flag_id === null ? null : { id: Number(r.flag_id), state: r.flag_state!, stage: r.flag_stage! },
    });
  return out;
}

export function toDomainState(
  domain: { name: string; stage: Stage; registeredAt: Date | null; handle: string | null },
  addresses: AddressRow[],
): DomainState {
  return {
    domain: domain.name,
    stage: domain.stage,
    registeredAt: domain.registeredAt,
    handle: domain.handle,
    addresses,
  };
}

/**
 * Verification time the classifier compares a registration with, per domain: the oldest
 * still-verified address (a registration after it means that address was verified under an
 * earlier registration). One query for a batch.
 */
export async function oldestVerifications(db: DbOrTx, domainNames: string[]): Promise<Map<string, Date>> {
  if (domainNames.length === 0) return new Map();
  const rows = await db.execute<{ domain: string; at: string }>(sql`
    select domain, min(verified_at) as at from emails
    where domain in ${domainNames} and verified and verified_at is not null
    group by domain`);
  return new Map(rows.map((r) => [r.domain, new Date(r.at)]));
}
