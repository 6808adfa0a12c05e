import { z } from 'zod';
import { type FilterParse, parseFilters } from '@/lib/validation/refused-filters';
import { searchText } from '@/lib/validation/search-text';
import { dateRangeFields, keysetFields, listSearchText } from '@/lib/pagination/search-params';
import { FLAG_STATES } from '@/db/schema/enums';
import { STAGES } from '@/core/domains';

// The flags table's state in the URL: parsed the same way by the page, the JSON route and the client.
// A malformed choice (state, stage, date, cursor) is dropped: an old link still loads. Typed text (domain,
// username, search) is refused when it holds control characters or is too long: the JSON route answers
// 400, the page leaves that filter out and says so (parseFlagsFilters).

const lowerText = (max: number) => searchText(max).transform((v) => v?.toLowerCase());

export const FLAGS_PAGE_SIZE = 50;
export { MIN_SEARCH } from '@/lib/pagination/search-params';

export const flagsSearchSchema = z.object({
  state: z.enum(FLAG_STATES).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  domain: lowerText(253),
  user: lowerText(64),
  /** The account's second factor: none, an authenticator app only, or a passkey. */
  factor: z.enum(['none', 'app', 'passkey']).optional().catch(undefined),
  ...dateRangeFields,
  q: listSearchText(100),
  ...keysetFields,
});
// Partial: every key is optional for callers (the parser fills the transformed ones with undefined).
export type FlagsSearch = Partial<z.output<typeof flagsSearchSchema>>;

/** The search as URL parameters, without empty values, in a stable order (it is also the query key). */
export function flagsSearchToParams(search: FlagsSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(flagsSearchSchema.shape) as (keyof FlagsSearch)[]) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params;
}

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

/** The page's parse: refused filters are left out and listed in `refused` (key → sentence). */
export function parseFlagsFilters(raw: RawSearch): FilterParse<FlagsSearch> {
  return parseFilters(flagsSearchSchema, raw);
}

/** The search without its refused filters. */
export function parseFlagsSearch(raw: RawSearch): FlagsSearch {
  return parseFlagsFilters(raw).search;
}
