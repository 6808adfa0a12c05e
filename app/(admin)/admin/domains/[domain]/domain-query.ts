import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/app/api/fetch-json';
import type { DomainDetail } from '@/lib/domains/timeline-queries';

export const domainKeys = {
  all: ['domain'] as const,
  detail: (name: string) => ['domain', name] as const,
};

export function domainQuery(name: string) {
  return queryOptions({
    queryKey: domainKeys.detail(name),
    queryFn: () => fetchJson<DomainDetail>(`/api/admin/domains/${encodeURIComponent(name)}`),
  });
}
