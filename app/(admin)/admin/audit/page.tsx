import type { Metadata } from 'next';
import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { formatDateTime } from '@/components/data-table/format';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { listAuditEntries } from '@/lib/audit/queries';
import { pageContext } from '@/lib/auth/session';
import { auditActionLabel } from './action-labels';
import { AuditFilters } from './audit-filters';
import { AuditDetails } from './audit-details';
import { refusalSentences } from '@/lib/validation/refused-filters';
import { parseAuditSearch, splitTarget } from './search-params';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { db } = await pageContext('audit.read');
  const { search, refused } = parseAuditSearch(await searchParams);
  const { rows, nextCursor } = await listAuditEntries(db, { ...search, ...splitTarget(search.target) });
  const href = (cursor: string | undefined) => {
    const params = new URLSearchParams(
      Object.entries({ ...search, cursor }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `/admin/audit${params.size ? `?${params}` : ''}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only: the database refuses to change or delete an entry. Newest first."
      />
      <AuditFilters search={search} />
      <FilterRefusals messages={refusalSentences(refused)} />
      {rows.length === 0 ? (
        <EmptyState title="No entry matches these filters" />
      ) : (
        <Table aria-label="Audit entries">
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
              <TR key={e.id} data-testid="audit-row">
                <TD className="whitespace-nowrap">{formatDateTime(e.at)}</TD>
                <TD>
                  {e.actorLabel}
                  <div className="text-xs text-muted-foreground">{e.actorType}</div>
                </TD>
                <TD>
                  {auditActionLabel(e.action)}
                  <div className="font-mono text-xs text-muted-foreground">{e.action}</div>
                </TD>
                <TD className="font-mono text-xs">
                  {e.targetType}:{e.targetId}
                </TD>
                <TD className="max-w-md text-xs">
                  <AuditDetails details={e.details} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <CursorPagination
        label="Audit pages"
        firstHref={search.cursor ? href(undefined) : null}
        prevHref={null}
        nextHref={nextCursor ? href(nextCursor) : null}
      />
    </>
  );
}
