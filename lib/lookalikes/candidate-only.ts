import { sql } from 'drizzle-orm';

/**
 * A condition on the `domains` table: not a look-alike candidate that no address uses. The
 * maintainers' domain views (the domains list, the overview's counts) leave those to
 * /admin/lookalikes: an unregistered look-alike is "available", which is nobody's lapse. Qualified by
 * hand: drizzle leaves the columns of a one-table select unqualified.
 */
export const notCandidateOnly = sql`(not exists (select 1 from lookalike_candidates c where c.domain_id = "domains"."id")
  or exists (select 1 from emails e where e.domain = "domains"."name"))`;
