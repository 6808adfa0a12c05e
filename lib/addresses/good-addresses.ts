import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';

/** A verified address without a live flag: one the account can still count on. */
export interface GoodAddress {
  id: number;
  userId: number;
  address: string;
  /** At a big provider (the trusted list), whose domain cannot lapse to a stranger. */
  trusted: boolean;
  useForRecovery: boolean;
}

/**
 * Each user's good addresses, the longest-proved first (oldest verification, then oldest address):
 * the order the primary falls back in, and what notices say the user already has. A live flag is
 * open or held for review; an address whose flag staff overrode counts as good again.
 */
export async function goodAddressesOf(tx: DbOrTx, userIds: readonly number[]): Promise<Map<number, GoodAddress[]>> {
  const byUser = new Map<number, GoodAddress[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx.execute<{
    id: number | string;
    user_id: number | string;
    address: string;
    trusted: boolean;
    use_for_recovery: boolean;
  }>(sql`
    select e.id, e.user_id, e.address, e.use_for_recovery, (l.domain is not null) as trusted
    from emails e
    left join domain_lists l on l.domain = e.domain and l.list = 'trusted'
    where e.user_id in (select json_array_elements_text(${JSON.stringify([...new Set(userIds)])}::json)::bigint)
      and e.verified
      and not exists (select 1 from flags f where f.email_id = e.id and f.state in ('open', 'pending_review'))
    order by e.user_id, e.verified_at asc nulls last, e.created_at asc, e.id asc`);
  for (const r of rows) {
    const userId = Number(r.user_id);
    const list = byUser.get(userId) ?? [];
    list.push({
      id: Number(r.id),
      userId,
      address: r.address,
      trusted: Boolean(r.trusted),
      useForRecovery: Boolean(r.use_for_recovery),
    });
    byUser.set(userId, list);
  }
  return byUser;
}

/** What a notice may say the account already has: its address at a big provider, if any. */
export interface BackupFact {
  address: string;
  /** Chosen for password resets (otherwise the notice asks the user to choose it). */
  forResets: boolean;
}

/** The best backup among good addresses: at a big provider, chosen for resets first. */
export function backupOf(good: readonly GoodAddress[] | undefined, exceptEmailId?: number): BackupFact | null {
  const trusted = (good ?? []).filter((g) => g.trusted && g.id !== exceptEmailId);
  const best = trusted.find((g) => g.useForRecovery) ?? trusted[0];
  return best ? { address: best.address, forResets: best.useForRecovery } : null;
}
