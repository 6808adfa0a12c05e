import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { domains } from './domains';
import { users } from './users';

// The look-alike watch (issue 15). A candidate IS a `domains` row, so it is checked by the same
// sources, limits, budget and scans as a maintainer's domain and has the same timeline page; these
// tables only say why it is watched and what staff decided about it.

export const LOOKALIKE_NAME_KINDS = ['domain', 'word'] as const;
export const LOOKALIKE_MARKS = ['benign', 'malicious'] as const;
export type LookalikeMark = (typeof LOOKALIKE_MARKS)[number];

/** A registry's own domain (pypi.org) or a brand word (pypi) whose look-alikes are watched. */
export const lookalikeNames = pgTable(
  'lookalike_names',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // As the generator normalised it: a registrable domain in punycode, or the word lower-cased.
    name: text('name').notNull(),
    kind: text('kind', { enum: LOOKALIKE_NAME_KINDS }).notNull(),
    // The TLDs a word is tried under (and a domain's `tld` family), as they were when it was added.
    tlds: text('tlds').array().notNull(),
    addedBy: bigint('added_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    // Unwatching keeps the row, its candidates and their marks: a malicious mark stays in the export.
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('lookalike_names_name_key').on(t.name)],
);

/**
 * One per candidate domain, whichever watched names produced it (pypj.org comes from both `pypi.org`
 * and `pypi`), so its state and staff's mark are kept once and it alerts once.
 */
export const lookalikeCandidates = pgTable(
  'lookalike_candidates',
  {
    domainId: bigint('domain_id', { mode: 'number' })
      .primaryKey()
      .references(() => domains.id, { onDelete: 'cascade' }),
    unicode: text('unicode').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    // The first applied check: what it finds is the baseline, listed but never alerted.
    baselineAt: timestamp('baseline_at', { withTimezone: true }),
    registered: boolean('registered').notNull().default(false),
    // When we first saw the current registration (our clock; the registry's date is domains.registered_at).
    registeredSeenAt: timestamp('registered_seen_at', { withTimezone: true }),
    // The last definite DNS answer (a resolver failure never overwrites it): what staff and the
    // export show, and what the alerts compare against.
    nameservers: text('nameservers').array().notNull().default(sql`'{}'::text[]`),
    mx: text('mx').array().notNull().default(sql`'{}'::text[]`),
    addresses: text('addresses').array().notNull().default(sql`'{}'::text[]`),
    hasMx: boolean('has_mx').notNull().default(false),
    mxSeenAt: timestamp('mx_seen_at', { withTimezone: true }),
    hasA: boolean('has_a').notNull().default(false),
    aSeenAt: timestamp('a_seen_at', { withTimezone: true }),
    mark: text('mark', { enum: LOOKALIKE_MARKS }),
    markReason: text('mark_reason'),
    markedBy: bigint('marked_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    markedAt: timestamp('marked_at', { withTimezone: true }),
  },
  (t) => [
    check('lookalike_candidates_mark_check', sql`${t.mark} is null or ${t.mark} in ('benign', 'malicious')`),
    // The dashboard's keyset list (lib/lookalikes/queries.ts, candidatesPageQuery) orders by when we saw
    // the registration, else when the candidate was first seen, then the id: the expression must be the
    // query's exactly, or the planner sorts every candidate. The registered ones are the default view;
    // the other states (unregistered, with MX, marked, all) walk the full index. The export reads the
    // malicious ones.
    index('lookalike_candidates_registered_listed_idx')
      .on(sql`coalesce(${t.registeredSeenAt}, ${t.firstSeenAt}) desc nulls last`, t.domainId.desc())
      .where(sql`${t.registered}`),
    index('lookalike_candidates_listed_idx').on(
      sql`coalesce(${t.registeredSeenAt}, ${t.firstSeenAt}) desc nulls last`,
      t.domainId.desc(),
    ),
    index('lookalike_candidates_mark_idx').on(t.mark).where(sql`${t.mark} is not null`),
  ],
);

/** Which watched name produced a candidate, by which permutation families. */
export const lookalikeSources = pgTable(
  'lookalike_sources',
  {
    nameId: bigint('name_id', { mode: 'number' })
      .notNull()
      .references(() => lookalikeNames.id, { onDelete: 'cascade' }),
    domainId: bigint('domain_id', { mode: 'number' })
      .notNull()
      .references(() => lookalikeCandidates.domainId, { onDelete: 'cascade' }),
    families: text('families').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.nameId, t.domainId] }), index('lookalike_sources_domain_idx').on(t.domainId)],
);

export type LookalikeName = typeof lookalikeNames.$inferSelect;
export type LookalikeCandidate = typeof lookalikeCandidates.$inferSelect;
