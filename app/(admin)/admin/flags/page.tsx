import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { FlagsToolbar } from '@/components/flags/flags-toolbar';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { listFlaggedEmails } from '@/lib/flags/queries';
import { flagsSearchToParams, parseFlagsFilters } from '@/lib/flags/search';
import { refusalSentences } from '@/lib/validation/refused-filters';
import { FlagsClient } from './flags-client';
import { flagsKeys } from './flags-query';

export const metadata: Metadata = { title: 'Flags' };

export default async function FlagsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, db } = await pageContext('flags.read');
  // A refused filter (a NUL byte in the search) is left out of the list and named next to the filters.
  const { search, refused } = parseFlagsFilters(await searchParams);
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    queryKey: flagsKeys.list(flagsSearchToParams(search).toString()),
    queryFn: () => listFlaggedEmails(db, search),
  });
  return (
    <>
      <PageHeader
        title="Flagged emails"
        description="Addresses whose domain lapsed or changed hands. Select rows to review, notify or override them."
      />
      <FlagsToolbar search={search} action="/admin/flags" />
      <FilterRefusals messages={refusalSentences(refused)} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <FlagsClient
          // A different URL is a different list: start with an empty selection.
          key={flagsSearchToParams(search).toString()}
          search={search}
          can={{
            review: can(actor.role, 'flags.review'),
            override: can(actor.role, 'flags.override'),
            notify: can(actor.role, 'users.notify'),
            // The release rules (lib/auth/release-rules.ts) depend on the role and each flag's stage.
            role: actor.role,
          }}
        />
      </HydrationBoundary>
    </>
  );
}
