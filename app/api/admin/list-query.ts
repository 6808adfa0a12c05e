import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { KeysetPage } from '@/lib/pagination/keyset';
import { fetchJson } from '../fetch-json';

/**
 * The query of one keyset list (users, outbox mail, reset requests): one key per URL state, so the server
 * prefetches exactly what the client reads; `root` is what a write invalidates.
 */
export function keysetListQuery<T>(root: string, route: string, params: URLSearchParams) {
  const query = params.toString();
  return queryOptions({
    queryKey: [root, 'list', query] as const,
    queryFn: () => fetchJson<KeysetPage<T>>(`${route}${query ? `?${query}` : ''}`),
    // Keep the current rows on screen while the next page loads.
    placeholderData: keepPreviousData,
  });
}
