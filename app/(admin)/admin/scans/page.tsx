import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { z } from 'zod';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { listScansPage } from '@/lib/scans/queries';
import { StartFullScan } from './scan-actions';
import { ScansClient } from './scans-client';
import { scanKeys } from './scans-query';

export const metadata: Metadata = { title: 'Scans' };

const paramsSchema = z.object({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional()
    .catch(undefined),
});

export default async function ScansPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { actor, db } = await pageContext('scans.read');
  const { cursor = '' } = paramsSchema.parse(await searchParams);
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    queryKey: scanKeys.list(cursor),
    queryFn: () => listScansPage(db, { cursor }),
  });
  return (
    <>
      <PageHeader
        title="Scans"
        description="Every scan: what it covered, who started it, how far it got and what it changed. Running scans update live."
        actions={can(actor.role, 'scans.request_full') ? <StartFullScan /> : null}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ScansClient cursor={cursor} canCancel={can(actor.role, 'scans.cancel')} />
      </HydrationBoundary>
    </>
  );
}
