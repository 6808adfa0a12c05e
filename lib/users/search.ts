import { z } from 'zod';
import { ROLES } from '@/db/schema/enums';
import { dateRangeFields, keysetFields, type ListSearch, listSearchText } from '@/lib/pagination/search-params';

// The users list's state in the URL: a search over username, name and addresses, the role, whether
// two-factor authentication is on, the days the account was created, and the keyset position.

export const USERS_PAGE_SIZE = 50;
// on: an app or a passkey; passkey: a phishing-resistant factor; off: neither.
export const TWO_FACTOR_FILTERS = ['on', 'passkey', 'off'] as const;

export const usersSearchSchema = z.object({
  q: listSearchText(320),
  role: z.enum(ROLES).optional().catch(undefined),
  twofa: z.enum(TWO_FACTOR_FILTERS).optional().catch(undefined),
  ...dateRangeFields,
  ...keysetFields,
});
export type UsersSearch = ListSearch<typeof usersSearchSchema>;
