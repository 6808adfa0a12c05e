import { QueryClient, defaultShouldDehydrateQuery, isServer } from '@tanstack/react-query';
import { ApiError } from './api/fetch-json';

// A refusal (bad input, missing, forbidden …) will not change on a second try; only a failure on our
// side or a database that did not answer is worth retrying.
const RETRIED = new Set(['internal', 'provider_unavailable']);

// One factory for the server (one client per request) and the browser (one per tab).
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Hydrated data is fresh: do not refetch the moment the page mounts.
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => (error instanceof ApiError && !RETRIED.has(error.code) ? false : failures < 3),
      },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
