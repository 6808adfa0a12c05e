'use client';

import { useQuery } from '@tanstack/react-query';
import { KeysetList, NoMatch } from '@/components/data-table/keyset-list';
import { UsersTable } from '@/components/users/users-table';
import type { UsersSearch } from '@/lib/users/search';
import { usersHref, usersQuery } from './users-query';

export function UsersClient({ search }: { search: UsersSearch }) {
  const { data, error, isFetching } = useQuery(usersQuery(search));
  return (
    <KeysetList
      what="users"
      page={data}
      error={error}
      fetching={isFetching}
      empty={<NoMatch title="No users match these filters" />}
      href={(position) => usersHref({ ...search, ...position })}
    >
      {(rows) => <UsersTable rows={rows} />}
    </KeysetList>
  );
}
