'use client';

import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import Link from 'next/link';
import { STAGE_META, StageBadge } from '@/components/domains/stage-badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Stat } from '@/components/ui/stat';
import { overviewQuery } from './overview-query';
import { FlagsChart, LastScans, SourceHealth } from './overview-sections';

export function OverviewClient() {
  const { data, error } = useQuery(overviewQuery);
  if (error)
    return (
      <p role="alert" className="text-red-800">
        Could not load the overview: {error.message}
      </p>
    );
  if (!data) return <p>Loading…</p>;
  return (
    <div className="flex flex-col gap-6">
      {data.pendingReview > 0 ? (
        <div
          role="status"
          className="flex items-center gap-3 rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950"
        >
          <AlertTriangle aria-hidden="true" className="size-5" />
          <p className="flex-1">
            <strong>{data.pendingReview}</strong> {data.pendingReview === 1 ? 'flag is' : 'flags are'} waiting for
            review: a scan would have unverified more addresses than the blast-radius guard allows.
          </p>
          <Link className="font-medium underline" href="/admin/flags?state=pending_review">
            Review them
          </Link>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Stat
          label="Addresses"
          value={data.addresses}
          hint={`${data.verifiedAddresses.toLocaleString('en')} verified`}
        />
        <Stat label="Custom domains watched" value={data.customDomains} hint={`${data.lapsingDomains} lapsing`} />
        <Stat label="Open flags" value={data.openFlags} />
        <Stat label="Pending review" value={data.pendingReview} />
        <Link href="/admin/flags?factor=none" className="rounded-lg hover:ring-2 hover:ring-primary/40">
          <Stat
            label="Flagged accounts without 2FA"
            value={data.flaggedWithoutSecondFactor}
            hint="a reset link alone would take them: list their flags"
          />
        </Link>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Open flags by stage</CardTitle>
          </CardHeader>
          <CardContent>
            {data.openFlagsByStage.length === 0 ? (
              <EmptyState title="No open flags" />
            ) : (
              <ul className="flex flex-col gap-2">
                {data.openFlagsByStage.map((row) => (
                  <li key={row.stage} className="flex items-center justify-between">
                    <StageBadge stage={row.stage} />
                    <Link
                      className="tabular-nums underline"
                      href={`/admin/flags?state=open&stage=${row.stage}`}
                      aria-label={`${row.count} open flags at stage ${STAGE_META[row.stage].label}`}
                    >
                      {row.count.toLocaleString('en')}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <LastScans rows={data.lastScans} />
      </div>
      <FlagsChart rows={data.flagsPerDay} />
      <SourceHealth rows={data.sourceHealth} />
    </div>
  );
}
