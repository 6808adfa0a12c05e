import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { domains } from './domains';
import { scans } from './scans';

// The daily DNS probe of active domains (lib/probe/): what NS and MX looked like last time, so a
// move (NXDOMAIN, parking name servers, MX gone) is judged against the previous answer, not a guess.
export const domainProbes = pgTable(
  'domain_probes',
  {
    domainId: bigint('domain_id', { mode: 'number' })
      .primaryKey()
      .references(() => domains.id, { onDelete: 'cascade' }),
    // Last definite answer; null until the first one (a resolver failure never overwrites it).
    nameservers: text('nameservers').array(),
    mx: text('mx').array(),
    nxdomain: boolean('nxdomain'),
    probedAt: timestamp('probed_at', { withTimezone: true }),
    nextProbeAt: timestamp('next_probe_at', { withTimezone: true }).notNull(),
    // A worker's claim while it probes this domain; another tick skips it until the lease runs out.
    probingUntil: timestamp('probing_until', { withTimezone: true }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    // The last move seen (e.g. "nxdomain", "parking:Sedo") and the check it triggered.
    lastMove: text('last_move'),
    lastMoveAt: timestamp('last_move_at', { withTimezone: true }),
    lastScanId: bigint('last_scan_id', { mode: 'number' }).references(() => scans.id, { onDelete: 'set null' }),
  },
  (t) => [index('domain_probes_next_idx').on(t.nextProbeAt)],
);

export type DomainProbe = typeof domainProbes.$inferSelect;
