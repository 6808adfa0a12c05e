import { keysetListQuery } from '@/app/api/admin/list-query';
import { type OutboxSearch, outboxSearchSchema } from '@/lib/notify/outbox-search';
import type { OutboxRow } from '@/lib/notify/queries';
import { listSearchToParams } from '@/lib/pagination/search-params';
import type { ResetAttemptRow } from '@/lib/reset/queries';
import { RESET_PARAM_PREFIX, type ResetSearch, resetSearchSchema } from '@/lib/reset/search';

// The outbox page holds two lists, each with its own filters and keyset position in the one URL: the
// mail list's parameters as they are, the reset requests' with RESET_PARAM_PREFIX.

export interface OutboxPageState {
  mails: OutboxSearch;
  resets: ResetSearch;
}

export const mailsQuery = (search: OutboxSearch) =>
  keysetListQuery<OutboxRow>('outbox', '/api/admin/outbox', listSearchToParams(outboxSearchSchema, search));

export const resetsQuery = (search: ResetSearch) =>
  keysetListQuery<ResetAttemptRow>('resets', '/api/admin/resets', listSearchToParams(resetSearchSchema, search));

export const mailParams = (mails: OutboxSearch) => listSearchToParams(outboxSearchSchema, mails);
export const resetParams = (resets: ResetSearch) => listSearchToParams(resetSearchSchema, resets, RESET_PARAM_PREFIX);

/** The outbox page at `state` (a link: every state of both lists is a URL). */
export function outboxHref({ mails, resets }: OutboxPageState): string {
  const params = mailParams(mails);
  for (const [key, value] of resetParams(resets)) params.set(key, value);
  return `/admin/outbox${params.size ? `?${params}` : ''}`;
}
