import { z } from 'zod';
import { keysetFields, type ListSearch } from '@/lib/pagination/search-params';
import { searchText } from '@/lib/validation/search-text';
import { LOOKALIKE_FAMILIES } from './families/names';

// The candidates list's state in the URL: which candidates (state, family, the watched name they
// imitate), the order and the keyset position. Parsed the same way by the page, its JSON route and the
// browser (which imports this module to build the list's URLs: no database code here).

export const LOOKALIKES_PAGE_SIZE = 50;

// `registered` is the list's default (no `state` in the URL).
export const LOOKALIKE_STATES = ['registered', 'unregistered', 'mail', 'malicious', 'benign', 'all'] as const;
export type LookalikeState = (typeof LOOKALIKE_STATES)[number];

/** A malformed choice is dropped; a watched name with control characters is refused in words, never a 500. */
export const lookalikeSearchSchema = z.object({
  state: z.enum(LOOKALIKE_STATES).optional().catch(undefined),
  family: z.enum(LOOKALIKE_FAMILIES).optional().catch(undefined),
  name: searchText(253),
  ...keysetFields,
});
export type LookalikeSearch = ListSearch<typeof lookalikeSearchSchema>;
