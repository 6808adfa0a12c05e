'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { formatDateTime, formatDuration } from '@/components/data-table/format';
import { countersSummary } from '@/components/scans/scan-counters';
import { ScanProgress } from '@/components/scans/scan-progress';
import { scanStarter, scanTriggerLabel } from '@/components/scans/trigger-label';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CancelScan } from './scan-actions';
import { isActive, scansQuery } from './scans-query';

const duration = (s: { startedAt: string | null; finishedAt: string | null }) =>
  s.startedAt && s.finishedAt
    ? formatDuration(Date.parse(s.finishedAt) - Date.parse(s.startedAt))
    : s.startedAt
      ? 'running'
      : '—';

export function ScansClient({ cursor, canCancel }: { cursor: string; canCancel: boolean }) {
  const { data, error } = useQuery(scansQuery(cursor));
  if (error) return <Notice tone="error">Could not load the scans: {error.message}</Notice>;
  if (!data) return <p>Loading…</p>;
  if (data.rows.length === 0) return <EmptyState title="No scan has run yet" />;
  return (
    <>
      <Table aria-label="Scan history">
        <THead>
          <tr>
            <TH>Scan</TH>
            <TH>Kind</TH>
            <TH>Trigger</TH>
            <TH>Started by</TH>
            <TH>State and progress</TH>
            <TH>Duration</TH>
            <TH>Result</TH>
            <TH>Requested</TH>
            {canCancel ? <TH>Action</TH> : null}
          </tr>
        </THead>
        <TBody>
          {data.rows.map((s) => (
            <TR key={s.id} data-testid="scan-row" data-scan-id={s.id}>
              <TD>
                <Link className="underline" href={`/admin/scans/${s.id}`}>
                  #{s.id}
                </Link>
              </TD>
              <TD>
                {s.kind}
                {s.target ? <div className="font-mono text-xs">{s.target}</div> : null}
              </TD>
              <TD>{scanTriggerLabel(s.trigger)}</TD>
              <TD>{scanStarter(s.trigger, s.requestedByUsername)}</TD>
              <TD>
                <ScanProgress scan={s} compact />
              </TD>
              <TD className="whitespace-nowrap">{duration(s)}</TD>
              <TD className="text-xs">{s.state === 'queued' ? '—' : countersSummary(s.counters)}</TD>
              <TD className="whitespace-nowrap">{formatDateTime(s.createdAt)}</TD>
              {canCancel ? <TD>{isActive(s.state) ? <CancelScan scanId={s.id} /> : null}</TD> : null}
            </TR>
          ))}
        </TBody>
      </Table>
      <CursorPagination
        label="Scan pages"
        firstHref={cursor ? '/admin/scans' : null}
        prevHref={null}
        nextHref={data.nextCursor ? `/admin/scans?cursor=${data.nextCursor}` : null}
      />
    </>
  );
}
