import type { Metadata } from 'next';
import { StageBadge } from '@/components/domains/stage-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { listDomains } from '@/lib/domains/queries';

export const metadata: Metadata = { title: 'Domains' };

const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('en-GB', { timeZone: 'UTC' }) : '—');

export default async function DomainsPage() {
  await requirePermission('domains.read');
  const rows = await listDomains(getDb());
  return (
    <>
      <PageHeader title="Domains" description="Custom domains behind verified addresses, lapsing ones first." />
      {rows.length === 0 ? (
        <EmptyState title="No custom domains yet" />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>Domain</TH>
              <TH>Stage</TH>
              <TH>Expires</TH>
              <TH>Registrar</TH>
              <TH>Addresses</TH>
              <TH>Last checked</TH>
              <TH>Next check</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((d) => (
              <TR key={d.name}>
                <TD className="font-mono text-xs">{d.name}</TD>
                <TD><StageBadge stage={d.stage} /></TD>
                <TD>{date(d.expiresAt)}</TD>
                <TD>{d.registrar ?? '—'}</TD>
                <TD className="tabular-nums">{d.addresses}</TD>
                <TD>{date(d.lastCheckedAt)}</TD>
                <TD>{date(d.nextCheckAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
