import { type SQL, sql } from 'drizzle-orm';
import type { Scan } from '@/db/schema';

/**
 * A watched domain, as a condition on `d` (domains): some address still uses it, or it is a
 * look-alike candidate of a name still watched (lib/lookalikes); and it is not a trusted provider
 * (the list may have changed since it was added). The scheduler and the scans share this one rule.
 */
export const watchedDomain = sql`(exists (select 1 from emails e where e.domain = d.name)
    or exists (select 1 from lookalike_sources s join lookalike_names n on n.id = s.name_id
      where s.domain_id = d.id and n.removed_at is null))
    and not exists (select 1 from domain_lists l where l.domain = d.name and l.list = 'trusted')`;

/** The domains a scan covers, as a condition on `d` (domains). */
export function scanScope(scan: Pick<Scan, 'kind' | 'target' | 'createdAt'>): SQL {
  switch (scan.kind) {
    case 'full':
      return watchedDomain;
    case 'scheduled':
      // Due when the scan was created; what falls due later is the next scheduled scan's.
      return sql`${watchedDomain} and d.next_check_at <= ${scan.createdAt.toISOString()}::timestamptz`;
    case 'domain':
      return sql`d.name = ${scan.target ?? ''}`;
    case 'email':
      return sql`d.name = (select e.domain from emails e where e.address = ${scan.target ?? ''})`;
    case 'user':
      return sql`${watchedDomain} and d.name in (select e.domain from emails e join users u on u.id = e.user_id where u.username = ${scan.target ?? ''})`;
    case 'lookalikes':
      // The first check of one watched name's candidates (all of them, whatever their schedule).
      return sql`d.id in (select s.domain_id from lookalike_sources s join lookalike_names n on n.id = s.name_id
        where n.name = ${scan.target ?? ''})
        and not exists (select 1 from domain_lists l where l.domain = d.name and l.list = 'trusted')`;
  }
}
