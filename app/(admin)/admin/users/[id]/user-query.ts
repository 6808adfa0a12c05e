import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/app/api/fetch-json';
import type { UserDetail } from '@/lib/users/detail-queries';

export const userKeys = {
  all: ['user'] as const,
  detail: (id: number) => ['user', id] as const,
};

export function userQuery(id: number) {
  return queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: () => fetchJson<UserDetail>(`/api/admin/users/${id}`),
  });
}
