import Link from 'next/link';
import { formatDate, formatDateTime } from '@/components/data-table/format';
import { StageBadge } from '@/components/domains/stage-badge';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { CandidateRow } from '@/lib/lookalikes/queries';

/** A candidate's name as staff should read it: the Unicode form first when it differs (рурі.org). */
export function CandidateName({ row }: { row: Pick<CandidateRow, 'domain' | 'unicode'> }) {
  return row.unicode !== row.domain ? (
    <>
      {row.unicode} <span className="text-muted-foreground">({row.domain})</span>
    </>
  ) : (
    row.domain
  );
}

export function MarkBadge({ mark }: { mark: CandidateRow['mark'] }) {
  if (mark === 'malicious') return <Badge tone="severe">malicious</Badge>;
  if (mark === 'benign') return <Badge tone="good">benign</Badge>;
  return <Badge tone="neutral">not reviewed</Badge>;
}

const yes = (on: boolean, word: string) => (on ? <Badge tone="bad">{word}</Badge> : <span>no</span>);

/** The list's empty state: nothing matches, or nothing has been checked yet. */
export function NoCandidates() {
  return (
    <EmptyState title="No candidate matches">Change the filters, or wait for the first scan to finish.</EmptyState>
  );
}

/**
 * One page of registered look-alikes (or whatever the filters ask for), the latest registration we saw
 * first: "First seen" is the order (when we saw the registration, else when the candidate was first seen).
 */
export function CandidatesTable({ rows }: { rows: CandidateRow[] }) {
  return (
    <Table aria-label="Look-alike candidates">
      <THead>
        <tr>
          <TH>Candidate</TH>
          <TH>Stage</TH>
          <TH>Registered</TH>
          <TH>Registrar</TH>
          <TH>Name servers</TH>
          <TH>MX</TH>
          <TH>Web</TH>
          <TH>First seen</TH>
          <TH>Families</TH>
          <TH>Review</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.domain} data-testid="candidate-row" data-domain={r.domain}>
            <TD className="font-mono text-xs">
              <Link className="underline" href={`/admin/lookalikes/${encodeURIComponent(r.domain)}`}>
                <CandidateName row={r} />
              </Link>
            </TD>
            <TD>
              <StageBadge stage={r.stage} />
            </TD>
            <TD>{formatDate(r.registeredAt)}</TD>
            <TD>{r.registrar ?? '—'}</TD>
            <TD className="font-mono text-xs">{r.nameservers.join(', ') || '—'}</TD>
            <TD>{yes(r.hasMx, 'MX')}</TD>
            <TD>{yes(r.hasA, 'A')}</TD>
            <TD>{formatDateTime(r.registeredSeenAt ?? r.firstSeenAt)}</TD>
            <TD className="text-xs">{r.families.join(', ')}</TD>
            <TD>
              <MarkBadge mark={r.mark} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
