import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { decodePathName } from '@/lib/validation/path-id';
import { DomainClient } from './domain-client';
import { domainKeys } from './domain-query';

type Props = { params: Promise<{ domain: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodePathName((await params).domain) ?? 'Not found' };
}

export default async function DomainPage({ params }: Props) {
  const { actor, db } = await pageContext('domains.read');
  const requested = decodePathName((await params).domain);
  if (requested === null) notFound();
  const detail = await getDomainDetail(db, requested);
  if (!detail) notFound();
  // One URL per domain: other spellings (Unicode, capitals, an address) land on the stored name.
  if (detail.name !== requested) redirect(`/admin/domains/${encodeURIComponent(detail.name)}`);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(domainKeys.detail(detail.name), detail);
  return (
    <>
      <PageHeader
        title={detail.name}
        description={
          <>
            Lifecycle, observations and exposed accounts.{' '}
            <Link className="underline" href={`/admin/flags?domain=${encodeURIComponent(detail.name)}`}>
              Flags on this domain
            </Link>
          </>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DomainClient name={detail.name} canRescan={can(actor.role, 'scans.request')} />
      </HydrationBoundary>
    </>
  );
}
