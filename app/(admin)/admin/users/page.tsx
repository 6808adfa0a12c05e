import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { PageHeader } from '@/components/ui/page-header';
import { UsersToolbar } from '@/components/users/users-toolbar';
import { makeQueryClient } from '@/app/query-client';
import { pageContext } from '@/lib/auth/session';
import { parseListSearch } from '@/lib/pagination/search-params';
import { listUsersPage } from '@/lib/users/queries';
import { usersSearchSchema } from '@/lib/users/search';
import { refusalSentences } from '@/lib/validation/refused-filters';
import { UsersClient } from './users-client';
import { usersQuery } from './users-query';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db } = await pageContext('users.read');
  const { search, refused } = parseListSearch(usersSearchSchema, await searchParams);
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: usersQuery(search).queryKey, queryFn: () => listUsersPage(db, search) });
  return (
    <>
      <PageHeader title="Users" description="Registry accounts and the state of their addresses." />
      <UsersToolbar search={search} action="/admin/users" />
      <FilterRefusals messages={refusalSentences(refused)} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <UsersClient search={search} />
      </HydrationBoundary>
    </>
  );
}
