import type { Metadata } from 'next';
import { ScanStateBadge } from '@/components/scans/scan-state-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { listScans } from '@/lib/scans/queries';

export const metadata: Metadata = { title: 'Scans' };

export default async function ScansPage() {
  await requirePermission('scans.read');
  const rows = await listScans(getDb());
  return (
    <>
      <PageHeader title="Scans" description="Every scan: what it covered, who started it and what it changed." />
      {rows.length === 0 ? (
        <EmptyState title="No scan has run yet" />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>#</TH>
              <TH>Kind</TH>
              <TH>Trigger</TH>
              <TH>By</TH>
              <TH>State</TH>
              <TH>Progress</TH>
              <TH>Started</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((s) => (
              <TR key={s.id}>
                <TD>{s.id}</TD>
                <TD>{s.kind}{s.target ? ` · ${s.target}` : ''}</TD>
                <TD>{s.trigger}</TD>
                <TD>{s.requestedByUsername ?? '—'}</TD>
                <TD><ScanStateBadge state={s.state} /></TD>
                <TD className="tabular-nums">{s.checked} / {s.total}</TD>
                <TD>{new Date(s.createdAt).toLocaleString('en-GB')}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
