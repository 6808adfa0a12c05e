import { type SQL, sql } from 'drizzle-orm';
import type { Scan } from '@/db/schema';

/**
 * The domains a scan covers, as a condition on `d` (domains). Only watched domains: some address
 * still uses it and it is not a trusted provider (the list may have changed since it was added).
 */
export function scanScope(scan: Pick<Scan, 'kind' | 'target' | 'createdAt'>): SQL {
  const watched = sql`exists (select 1 from emails e where e.domain = d.name)
    and not exists (select 1 from domain_lists l where l.domain = d.name and l.list = 'trusted')`;
  switch (scan.kind) {
    case 'full':
      return watched;
    case 'scheduled':
      // Due when the scan was created; what falls due later is the next scheduled scan's.
      return sql`${watched} and d.next_check_at <= ${scan.createdAt.toISOString()}::timestamptz`;
    case 'domain':
      return sql`d.name = ${scan.target ?? ''}`;
    case 'email':
      return sql`d.name = (select e.domain from emails e where e.address = ${scan.target ?? ''})`;
    case 'user':
      return sql`${watched} and d.name in (select e.domain from emails e join users u on u.id = e.user_id where u.username = ${scan.target ?? ''})`;
  }
}
