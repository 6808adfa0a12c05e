import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/app/api/fetch-json';
import type { FlagPage } from '@/lib/flags/queries';
import { type FlagsSearch, flagsSearchToParams } from '@/lib/flags/search';

// One key per URL state: the server prefetches it, the client reads it, a write invalidates `all`.
export const flagsKeys = {
  all: ['flags'] as const,
  list: (params: string) => ['flags', 'list', params] as const,
};

export function flagsQuery(search: FlagsSearch) {
  const params = flagsSearchToParams(search).toString();
  return queryOptions({
    queryKey: flagsKeys.list(params),
    queryFn: () => fetchJson<FlagPage>(`/api/admin/flags?${params}`),
    // Keep the current rows on screen while the next page loads.
    placeholderData: keepPreviousData,
  });
}
