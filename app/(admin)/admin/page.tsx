import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { getOverviewCounts } from '@/lib/overview/queries';
import { makeQueryClient } from '@/app/query-client';
import { OverviewClient } from './overview-client';
import { overviewKeys } from './overview-query';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const { db } = await pageContext('dashboard.view');
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: overviewKeys.all, queryFn: () => getOverviewCounts(db) });
  return (
    <>
      <PageHeader title="Overview" description="Addresses watched, domains lapsing and the flags they raised." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OverviewClient />
      </HydrationBoundary>
    </>
  );
}
