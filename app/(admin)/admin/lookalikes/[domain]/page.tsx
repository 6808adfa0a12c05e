import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { formatDateTime } from '@/components/data-table/format';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { getCandidate } from '@/lib/lookalikes/queries';
import { decodePathName } from '@/lib/validation/path-id';
import { DomainClient } from '../../domains/[domain]/domain-client';
import { domainKeys } from '../../domains/[domain]/domain-query';
import { MarkForm } from './mark-form';

type Props = { params: Promise<{ domain: string }> };

/** The stored (punycode) name for the path segment, or null when no domain can have that name (404). */
function requestedName(segment: string): string | null {
  const name = decodePathName(segment);
  const normalised = name ? registrableDomainOf(name) : null;
  return normalised?.ok ? normalised.registrableDomain : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: requestedName((await params).domain) ?? 'Not found' };
}

/** A candidate: why it is watched, what staff decided, and the domain's own lifecycle page below. */
export default async function LookalikePage({ params }: Props) {
  const { actor, db } = await pageContext('domains.read');
  const segment = (await params).domain;
  const name = requestedName(segment);
  if (name === null) notFound();
  const [candidate, detail] = await Promise.all([getCandidate(db, name), getDomainDetail(db, name)]);
  if (!candidate || !detail) notFound();
  if (decodeURIComponent(segment) !== name) redirect(`/admin/lookalikes/${encodeURIComponent(name)}`);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(domainKeys.detail(detail.name), detail);
  const facts: [string, React.ReactNode][] = [
    ['Imitates', candidate.names.join(', ')],
    ['Families', candidate.families.join(', ')],
    ['First seen', formatDateTime(candidate.firstSeenAt)],
    ['Registration seen', formatDateTime(candidate.registeredSeenAt)],
    ['Name servers', candidate.nameservers.join(', ') || 'none'],
    ['Mail servers (MX)', candidate.mx.join(', ') || 'none'],
    ['Web addresses (A/AAAA)', candidate.addresses.join(', ') || 'none'],
  ];
  return (
    <>
      <PageHeader
        title={candidate.unicode !== candidate.domain ? `${candidate.unicode} (${candidate.domain})` : candidate.domain}
        description={
          <>
            A look-alike candidate.{' '}
            <Link className="underline" href="/admin/lookalikes">
              All look-alikes
            </Link>
          </>
        }
      />
      <div className="mb-6 flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Why it is watched</CardTitle>
          </CardHeader>
          <CardContent>
            <FactList facts={facts} />
          </CardContent>
        </Card>
        <MarkForm candidate={candidate} canMark={can(actor.role, 'flags.review')} />
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DomainClient name={detail.name} canRescan={can(actor.role, 'scans.request')} />
      </HydrationBoundary>
    </>
  );
}
