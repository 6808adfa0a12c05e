import { z } from 'zod';
import { hasControlCharacters, SEARCH_TEXT_ERRORS, searchText } from '@/lib/validation/search-text';

// The pieces every list's URL state is made of, parsed the same way by the page, its JSON route and the
// client. A malformed value is dropped (the list still loads, as if the filter were not set) instead of
// failing the page: an old link or a hand-edited URL shows more rows, never an error page.

// No database code here: the browser imports this module to build the list URLs.

export const LIST_SORTS = ['newest', 'oldest'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Trigram indexes need three characters to narrow anything down; a shorter search is ignored. */
export const MIN_SEARCH = 3;

/** A search box: control characters (a NUL byte fails a PostgreSQL query) make the search be left out. */
export const listSearchText = (max = 100) =>
  searchText(max)
    .transform((v) => (v && v.length >= MIN_SEARCH ? v : undefined))
    .catch(undefined);

// Year 0 passes the ISO pattern but PostgreSQL refuses it as a date.
const day = z.iso
  .date()
  .refine((v) => !v.startsWith('0000'))
  .optional()
  .catch(undefined);

/** Inclusive UTC days: `from` at 00:00, `to` up to the end of that day. */
export const dateRangeFields = { from: day, to: day };

export const keysetFields = {
  sort: z.enum(LIST_SORTS).optional().catch(undefined),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
  dir: z.enum(['next', 'prev']).optional().catch(undefined),
};

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

/** A page's searchParams or a URL's query as one string per key (the first of repeated keys). */
export function flatSearch(raw: RawSearch): Record<string, string | undefined> {
  const entries =
    raw instanceof URLSearchParams ? [...raw.keys()].map((k) => [k, raw.get(k) ?? undefined]) : Object.entries(raw);
  return Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

// biome-ignore lint/suspicious/noExplicitAny: any object of optional string fields.
type ListSchema = z.ZodObject<any>;

// Partial: every key is optional for callers (the parser fills the transformed ones with undefined).
export type ListSearch<S extends ListSchema> = Partial<z.output<S>>;

export function parseListSearch<S extends ListSchema>(schema: S, raw: RawSearch, prefix = ''): ListSearch<S> {
  const flat = flatSearch(raw);
  const own = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, flat[`${prefix}${k}`]]));
  return schema.parse(own);
}

/**
 * The search as URL parameters, without empty values, in the schema's order (it is also the query key).
 * `prefix` keeps two lists on one page apart (the outbox's reset requests are `reset_q`, `reset_cursor` …).
 */
export function listSearchToParams<S extends ListSchema>(
  schema: S,
  search: ListSearch<S>,
  prefix = '',
  into = new URLSearchParams(),
): URLSearchParams {
  for (const key of Object.keys(schema.shape)) {
    const value = (search as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) into.set(`${prefix}${key}`, value);
  }
  return into;
}

/** Why the search text at `key` was left out, in words for the page, or null when it was not refused. */
export function refusedSearchText(raw: RawSearch, key: string): string | null {
  const value = flatSearch(raw)[key];
  return value && hasControlCharacters(value) ? `${SEARCH_TEXT_ERRORS.control} The search was left out.` : null;
}
