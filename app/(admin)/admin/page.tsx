import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getOverviewCounts } from '@/lib/overview/queries';
import { makeQueryClient } from '@/app/query-client';
import { OverviewClient } from './overview-client';
import { overviewKeys } from './overview-query';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requirePermission('dashboard.view');
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: overviewKeys.all, queryFn: () => getOverviewCounts(getDb()) });
  return (
    <>
      <PageHeader title="Overview" description="Addresses watched, domains lapsing and the flags they raised." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OverviewClient />
      </HydrationBoundary>
    </>
  );
}
