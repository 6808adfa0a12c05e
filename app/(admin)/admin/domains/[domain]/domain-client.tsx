'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatDate, formatDateTime } from '@/components/data-table/format';
import { DomainPeople } from '@/components/domains/domain-people';
import { KeyDates } from '@/components/domains/key-dates';
import { LifecycleTimeline } from '@/components/domains/lifecycle-timeline';
import { ObservationsTable } from '@/components/domains/observations-table';
import { StageBadge } from '@/components/domains/stage-badge';
import { TimelineLegend } from '@/components/domains/timeline-legend';
import { layoutTimeline } from '@/components/domains/timeline-layout';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { Notice } from '@/components/ui/notice';
import { Rescan } from '../../_components/rescan';
import { rescanDomainAction } from '../../scans/actions';
import { domainKeys, domainQuery } from './domain-query';

export function DomainClient({ name, canRescan }: { name: string; canRescan: boolean }) {
  const { data, error } = useQuery(domainQuery(name));
  const layout = useMemo(() => (data ? layoutTimeline({ ...data, now: data.now }) : null), [data]);
  if (error)
    return (
      <Notice tone="error">
        Could not load {name}: {error.message}
      </Notice>
    );
  if (!data || !layout) return <p>Loading…</p>;
  const facts: [string, React.ReactNode][] = [
    ['Stage', <StageBadge key="s" stage={data.stage} />],
    ['In this stage since', formatDate(data.stageSince)],
    ['Registrar', data.registrar ?? 'unknown'],
    ['Registry handle', data.handle ?? 'unknown'],
    ['Expires', formatDate(data.expiresAt)],
    ['Last checked', formatDateTime(data.lastCheckedAt)],
    ['Next check', formatDateTime(data.nextCheckAt)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-wrap items-start justify-between gap-4 pt-4">
          <FactList facts={facts} />
          {canRescan ? (
            <Rescan
              label="Rescan now"
              start={() => rescanDomainAction({ domain: data.name })}
              invalidate={[domainKeys.detail(data.name)]}
            />
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Lifecycle timeline</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="overflow-x-auto">
            <div className="min-w-[44rem]">
              <LifecycleTimeline domain={data.name} layout={layout} />
            </div>
          </div>
          <TimelineLegend stages={[...new Set(layout.bands.map((b) => b.stage))]} />
          <KeyDates timeline={data.timeline} stageChanges={data.stageChanges} />
        </CardContent>
      </Card>
      {data.evidence?.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Why this stage</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc pl-5 text-sm">
              {data.evidence.map((e) => (
                <li key={`${e.code}-${e.source}`}>
                  <strong>
                    {e.kind === 'decided' ? 'Decided by' : 'Note from'} {e.source}:
                  </strong>{' '}
                  {e.message}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <DomainPeople detail={data} />
      <Card>
        <CardHeader>
          <CardTitle>Observations per source (latest {data.observations.length})</CardTitle>
        </CardHeader>
        <CardContent>
          {data.observations.length ? (
            <ObservationsTable rows={data.observations} />
          ) : (
            <p className="text-sm">No check has run on this domain yet.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
