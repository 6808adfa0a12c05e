import { z } from 'zod';
import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '@/db/schema/enums';
import { dateRangeFields, keysetFields, type ListSearch, listSearchText } from '@/lib/pagination/search-params';

// The staff outbox's list state in the URL: the recipient (any part of the address), what kind of mail,
// its state, the days it was queued, and the keyset position.

export const OUTBOX_PAGE_SIZE = 50;

export const outboxSearchSchema = z.object({
  q: listSearchText(320),
  kind: z.enum(NOTIFICATION_KINDS).optional().catch(undefined),
  state: z.enum(NOTIFICATION_STATES).optional().catch(undefined),
  ...dateRangeFields,
  ...keysetFields,
});
export type OutboxSearch = ListSearch<typeof outboxSearchSchema>;
