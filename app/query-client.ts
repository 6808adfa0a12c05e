import { QueryClient, defaultShouldDehydrateQuery, isServer } from '@tanstack/react-query';

// One factory for the server (one client per request) and the browser (one per tab).
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Hydrated data is fresh: do not refetch the moment the page mounts.
      queries: { staleTime: 30_000, refetchOnWindowFocus: true },
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
