import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { parsePathId } from '@/lib/validation/path-id';
import { getScan, listScanDomainChanges, listScanErrors } from '@/lib/scans/queries';
import { scanKeys } from '../scans-query';
import { ScanClient } from './scan-client';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Scan #${(await params).id}` };
}

export default async function ScanPage({ params }: Props) {
  const { actor, db } = await pageContext('scans.read');
  const id = parsePathId((await params).id);
  if (id === null) notFound();
  const scan = await getScan(db, id);
  if (!scan) notFound();
  const [changes, errors] = await Promise.all([listScanDomainChanges(db, id), listScanErrors(db, id)]);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(scanKeys.detail(id, true), { scan, changes, errors });
  return (
    <>
      <PageHeader
        title={`Scan #${id}`}
        description="What this scan covered, how far it got, which domains changed stage and which checks failed."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ScanClient id={id} canCancel={can(actor.role, 'scans.cancel')} />
      </HydrationBoundary>
    </>
  );
}
