import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/app/api/fetch-json';
import type { OverviewCounts } from '@/lib/overview/queries';

// Shared by the server prefetch and the client hook, so hydration finds the data under the same key.
export const overviewKeys = { all: ['overview'] as const };

export const overviewQuery = queryOptions({
  queryKey: overviewKeys.all,
  queryFn: () => fetchJson<OverviewCounts>('/api/admin/overview'),
  refetchInterval: 15_000,
});
