'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDateTime, formatDuration } from '@/components/data-table/format';
import { StageBadge } from '@/components/domains/stage-badge';
import { ScanCounters } from '@/components/scans/scan-counters';
import { ScanProgress } from '@/components/scans/scan-progress';
import { scanStarter, scanTriggerLabel } from '@/components/scans/trigger-label';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { Notice } from '@/components/ui/notice';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CancelScan } from '../scan-actions';
import { isActive, scanQuery } from '../scans-query';

export function ScanClient({ id, canCancel }: { id: number; canCancel: boolean }) {
  const { data, error } = useQuery(scanQuery(id, true));
  if (error)
    return (
      <Notice tone="error">
        Could not load scan #{id}: {error.message}
      </Notice>
    );
  if (!data) return <p>Loading…</p>;
  const { scan, changes, errors } = data;
  const facts: [string, string][] = [
    ['Kind', `${scan.kind}${scan.target ? ` · ${scan.target}` : ''}`],
    ['Trigger', scanTriggerLabel(scan.trigger)],
    ['Started by', scanStarter(scan.trigger, scan.requestedByUsername)],
    ['Requested', formatDateTime(scan.createdAt)],
    ['Started', formatDateTime(scan.startedAt)],
    ['Finished', formatDateTime(scan.finishedAt)],
    ['Duration', formatDuration(scan.durationMs)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div role="status" aria-live="polite" className="w-full max-w-xl">
              <ScanProgress scan={scan} />
            </div>
            {canCancel && isActive(scan.state) ? <CancelScan scanId={scan.id} /> : null}
          </div>
          {scan.error ? <Notice tone="error">The scan stopped: {scan.error}</Notice> : null}
          <FactList facts={facts} />
          <ScanCounters counters={scan.counters} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Domains that changed stage ({changes?.length ?? 0})</CardTitle>
        </CardHeader>
        <CardContent>
          {!changes?.length ? (
            <p className="text-sm">No domain changed stage in this scan{isActive(scan.state) ? ' yet' : ''}.</p>
          ) : (
            <Table aria-label="Stage changes in this scan">
              <THead>
                <tr>
                  <TH>Domain</TH>
                  <TH>Before</TH>
                  <TH>After</TH>
                  <TH>Checked</TH>
                </tr>
              </THead>
              <TBody>
                {changes.map((c) => (
                  <TR key={c.domain}>
                    <TD>
                      <Link
                        className="font-mono text-xs underline"
                        href={`/admin/domains/${encodeURIComponent(c.domain)}`}
                      >
                        {c.domain}
                      </Link>
                    </TD>
                    <TD>{c.previous ? <StageBadge stage={c.previous} /> : 'first check'}</TD>
                    <TD>
                      <StageBadge stage={c.stage} />
                    </TD>
                    <TD>{formatDateTime(c.observedAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Errors ({errors?.length ?? 0})</CardTitle>
        </CardHeader>
        <CardContent>
          {!errors?.length ? (
            <p className="text-sm">No source failed during this scan.</p>
          ) : (
            <Table aria-label="Source errors in this scan">
              <THead>
                <tr>
                  <TH>Domain</TH>
                  <TH>Source</TH>
                  <TH>Error</TH>
                  <TH>When</TH>
                </tr>
              </THead>
              <TBody>
                {errors.map((e) => (
                  <TR key={`${e.domain}-${e.source}-${e.observedAt}`}>
                    <TD className="font-mono text-xs">{e.domain}</TD>
                    <TD className="uppercase">{e.source}</TD>
                    <TD className="text-xs">{e.error}</TD>
                    <TD>{formatDateTime(e.observedAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
