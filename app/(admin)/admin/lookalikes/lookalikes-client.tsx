'use client';

import { useQuery } from '@tanstack/react-query';
import { KeysetList } from '@/components/data-table/keyset-list';
import { CandidatesTable, NoCandidates } from '@/components/lookalikes/candidates-table';
import type { LookalikeSearch } from '@/lib/lookalikes/search';
import { lookalikesHref, lookalikesQuery } from './lookalikes-query';

export function LookalikesClient({ search }: { search: LookalikeSearch }) {
  const { data, error, isFetching } = useQuery(lookalikesQuery(search));
  return (
    <KeysetList
      what="candidates"
      page={data}
      error={error}
      fetching={isFetching}
      empty={<NoCandidates />}
      href={(position) => lookalikesHref({ ...search, ...position })}
    >
      {(rows) => <CandidatesTable rows={rows} />}
    </KeysetList>
  );
}
