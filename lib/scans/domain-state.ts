import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import type { Stage } from '@/lib/domains/types';
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
  const rows = await tx.execute<{
    id: number; user_id: number; address: string; verified: boolean; verified_at: string | null;
    unverify_reason: UnverifyReason | null; flag_id: number | null; flag_state: FlagState | null; flag_stage: Stage | null;
  }>(sql`
    select e.id, e.user_id, e.address, e.verified, e.verified_at, e.unverify_reason,
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
    where e.domain = ${domain}
    order by e.id`);
  return rows.map((r) => ({
    emailId: Number(r.id),
    userId: Number(r.user_id),
    address: r.address,
    verified: r.verified,
    verifiedAt: r.verified_at ? new Date(r.verified_at) : null,
    unverifyReason: r.unverify_reason,
    openFlag: r.flag_id === null ? null : { id: Number(r.flag_id), state: r.flag_state!, stage: r.flag_stage! },
  }));
}

export function toDomainState(
  domain: { name: string; stage: Stage; registeredAt: Date | null; handle: string | null },
  addresses: AddressRow[],
): DomainState {
  return { domain: domain.name, stage: domain.stage, registeredAt: domain.registeredAt, handle: domain.handle, addresses };
}

/** Verification time the classifier compares a registration with: the oldest still-verified address. */
export function oldestVerification(addresses: AddressRow[]): Date | null {
  const times = addresses.filter((a) => a.verified && a.verifiedAt).map((a) => a.verifiedAt!.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}
