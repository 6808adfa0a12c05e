import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';

/**
 * Puts a custom domain under watch (due for a check at once) unless it is a trusted provider. Called
 * when an address is added or re-verified, so the first check does not wait for the schedule.
 */
export async function ensureDomainTracked(tx: DbOrTx, domain: string, now: Date = new Date()): Promise<void> {
  await tx.execute(sql`
    insert into domains (name, next_check_at)
    select ${domain}, ${now.toISOString()}::timestamptz
    where not exists (select 1 from domain_lists where domain = ${domain} and list = 'trusted')
    on conflict (name) do update set next_check_at = least(domains.next_check_at, excluded.next_check_at)`);
}

/** Watches every custom domain that has an address but no domain row yet (e.g. after an import). */
export async function syncWatchedDomains(tx: DbOrTx, now: Date = new Date()): Promise<number> {
  const rows = await tx.execute(sql`
    insert into domains (name, next_check_at)
    select distinct e.domain, ${now.toISOString()}::timestamptz from emails e
    where not exists (select 1 from domain_lists l where l.domain = e.domain and l.list = 'trusted')
      and not exists (select 1 from domains d where d.name = e.domain)
    on conflict (name) do nothing
    returning id`);
  return rows.length;
}
