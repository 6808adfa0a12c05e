import { z } from 'zod';
import { dateRangeFields, keysetFields, type ListSearch, listSearchText } from '@/lib/pagination/search-params';
import { RESET_OUTCOMES } from './schemas';

// The password-reset requests list's state in the URL: what was typed (an address or a username, any
// part of it), the outcome, the days it was asked on, and the keyset position. On the outbox page the
// same fields carry RESET_PARAM_PREFIX, so they do not collide with the mail list's.

export const RESETS_PAGE_SIZE = 50;
export const RESET_PARAM_PREFIX = 'reset_';

export const resetSearchSchema = z.object({
  q: listSearchText(320),
  outcome: z.enum(RESET_OUTCOMES).optional().catch(undefined),
  ...dateRangeFields,
  ...keysetFields,
});
export type ResetSearch = ListSearch<typeof resetSearchSchema>;
