import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { makeQueryClient } from '@/app/query-client';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { CandidatesToolbar } from '@/components/lookalikes/candidates-toolbar';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { listCandidatesPage, listWatchedNames } from '@/lib/lookalikes/queries';
import { lookalikeSearchSchema } from '@/lib/lookalikes/search';
import { parseListSearch } from '@/lib/pagination/search-params';
import { refusalSentences } from '@/lib/validation/refused-filters';
import { LookalikesClient } from './lookalikes-client';
import { lookalikesQuery } from './lookalikes-query';

export const metadata: Metadata = { title: 'Look-alike domains' };

export default async function LookalikesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, db } = await pageContext('domains.read');
  const { search, refused } = parseListSearch(lookalikeSearchSchema, await searchParams);
  const queryClient = makeQueryClient();
  const [names] = await Promise.all([
    listWatchedNames(db),
    queryClient.prefetchQuery({
      queryKey: lookalikesQuery(search).queryKey,
      queryFn: () => listCandidatesPage(db, search),
    }),
  ]);
  const watched = names.filter((n) => !n.removedAt);
  return (
    <>
      <PageHeader
        title="Look-alike domains"
        description={
          <>
            Domains that imitate {watched.length ? watched.map((n) => n.name).join(', ') : 'no watched name yet'},
            registered ones newest first. A new registration, MX or web address alerts staff.{' '}
            {can(actor.role, 'settings.manage') ? (
              <Link className="underline" href="/admin/settings/lookalikes">
                Watched names
              </Link>
            ) : null}
          </>
        }
      />
      <p className="mb-4 text-sm">
        Marked malicious, for takedown requests and mail filters:{' '}
        <a className="underline" href="/api/admin/lookalikes/export?format=csv" download>
          CSV
        </a>{' '}
        ·{' '}
        <a className="underline" href="/api/admin/lookalikes/export?format=txt" download>
          plain list
        </a>
      </p>
      <CandidatesToolbar search={search} action="/admin/lookalikes" names={names.map((n) => n.name)} />
      <FilterRefusals messages={refusalSentences(refused)} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <LookalikesClient search={search} />
      </HydrationBoundary>
    </>
  );
}
