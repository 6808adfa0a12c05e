import { keysetListQuery } from '@/app/api/admin/list-query';
import type { CandidateListRow } from '@/lib/lookalikes/queries';
import { type LookalikeSearch, lookalikeSearchSchema } from '@/lib/lookalikes/search';
import { listSearchToParams } from '@/lib/pagination/search-params';

/** What a mark invalidates: every page of the candidates list. */
export const LOOKALIKES_KEY = ['lookalikes'] as const;

export const lookalikesQuery = (search: LookalikeSearch) =>
  keysetListQuery<CandidateListRow>(
    LOOKALIKES_KEY[0],
    '/api/admin/lookalikes',
    listSearchToParams(lookalikeSearchSchema, search),
  );

/** The candidates page at `search` (a link: every list state is a URL). */
export function lookalikesHref(search: LookalikeSearch): string {
  const params = listSearchToParams(lookalikeSearchSchema, search);
  return `/admin/lookalikes${params.size ? `?${params}` : ''}`;
}
