import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { listAuditEntries } from '@/lib/audit/queries';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requirePermission('audit.read');
  const rows = await listAuditEntries(getDb());
  return (
    <>
      <PageHeader title="Audit log" description="Append-only: the database refuses to change or delete an entry." />
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>When</TH>
              <TH>Actor</TH>
              <TH>Action</TH>
              <TH>Target</TH>
              <TH>Details</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((e) => (
              <TR key={e.id}>
                <TD className="whitespace-nowrap">{new Date(e.at).toLocaleString('en-GB')}</TD>
                <TD>{e.actorLabel}</TD>
                <TD className="font-mono text-xs">{e.action}</TD>
                <TD className="font-mono text-xs">{e.targetType}:{e.targetId}</TD>
                <TD className="max-w-md truncate font-mono text-xs">{JSON.stringify(e.details)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
