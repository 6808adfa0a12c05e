import { z } from 'zod';
import { type FilterParse, flatten, parseFilters } from '@/lib/validation/refused-filters';
import { searchDate } from '@/lib/validation/search-date';
import { searchText } from '@/lib/validation/search-text';

// The pieces every list's URL state is made of, parsed the same way by the page, its JSON route and the
// client. A malformed choice (sort, day, cursor, direction, or a list's own kind, role …) is dropped: an
// old link or a hand-edited URL still lists something. Typed text with control characters (a NUL byte
// would fail the query) or past its length is refused: the JSON route answers 400 with a sentence, the
// page leaves that filter out and says so (parseListSearch → FilterRefusals).

// No database code here: the browser imports this module to build the list URLs.

export const LIST_SORTS = ['newest', 'oldest'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Trigram indexes need three characters to narrow anything down; a shorter search is ignored. */
export const MIN_SEARCH = 3;

/** A list's search box. */
export const listSearchText = (max = 100) =>
  searchText(max).transform((v) => (v && v.length >= MIN_SEARCH ? v : undefined));

/** Inclusive UTC days: `from` at 00:00, `to` up to the end of that day. */
export const dateRangeFields = { from: searchDate(), to: searchDate() };

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

// biome-ignore lint/suspicious/noExplicitAny: any object of optional string fields.
type ListSchema = z.ZodObject<any>;

// Partial: every key is optional for callers (the parser fills the transformed ones with undefined).
export type ListSearch<S extends ListSchema> = Partial<z.output<S>>;

/**
 * A page's list state from its URL: refused filters left out and named in `refused`. `prefix` reads a
 * second list of the same page (`reset_q`, `reset_cursor` …); the refusals are keyed without it.
 */
export function parseListSearch<S extends ListSchema>(
  schema: S,
  raw: RawSearch,
  prefix = '',
): FilterParse<ListSearch<S>> {
  const flat = flatten(raw);
  return parseFilters(schema, Object.fromEntries(Object.keys(schema.shape).map((k) => [k, flat[`${prefix}${k}`]])));
}

/**
 * The search as URL parameters, without empty values, in the schema's order (it is also the query key).
 * `prefix` keeps two lists on one page apart; `into` adds them to parameters already there.
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
