import { keysetListQuery } from '@/app/api/admin/list-query';
import type { UserRow } from '@/lib/users/queries';
import { listSearchToParams } from '@/lib/pagination/search-params';
import { type UsersSearch, usersSearchSchema } from '@/lib/users/search';

export const usersQuery = (search: UsersSearch) =>
  keysetListQuery<UserRow>('users', '/api/admin/users', listSearchToParams(usersSearchSchema, search));

/** The users page at `search` (a link: every list state is a URL). */
export function usersHref(search: UsersSearch): string {
  const params = listSearchToParams(usersSearchSchema, search);
  return `/admin/users${params.size ? `?${params}` : ''}`;
}
