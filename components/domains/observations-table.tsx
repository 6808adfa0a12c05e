import type { ObservationRow } from '@/lib/domains/timeline-queries';
import type { SourceName } from '@/core/domains';
import { formatDate, formatDateTime } from '../data-table/format';
import { Badge } from '../ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';
import { StageBadge } from './stage-badge';

/**
 * Which answer a row is. The registry and the sponsoring registrar both answer over RDAP; the
 * registrar's record (thin registries link to it) holds the date the owner paid up to.
 */
const SOURCE_LABEL: Record<SourceName, { label: string; hint: string }> = {
  rdap: { label: 'RDAP registry', hint: 'the registry’s RDAP record' },
  rdap_registrar: {
    label: 'RDAP registrar',
    hint: 'the sponsoring registrar’s RDAP record, linked from the registry’s',
  },
  domainr: { label: 'Domainr', hint: 'Domainr status API' },
  fastly: { label: 'Fastly', hint: 'Fastly Domain Research status API' },
  dns: { label: 'DNS', hint: 'NS and MX through the configured resolvers' },
};

/** What each source said at each check, newest first: raw status words, dates, failures, evidence. */
export function ObservationsTable({ rows }: { rows: ObservationRow[] }) {
  return (
    <Table aria-label="Observations per source">
      <THead>
        <tr>
          <TH>Checked</TH>
          <TH>Source</TH>
          <TH>Classified as</TH>
          <TH>Status words</TH>
          <TH>Registrar · expires</TH>
          <TH>Outcome</TH>
          <TH>Evidence</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((o) => (
          <TR key={o.id} data-testid="observation-row">
            <TD className="whitespace-nowrap">
              {formatDateTime(o.observedAt)}
              {o.scanId ? <div className="text-xs text-muted-foreground">scan #{o.scanId}</div> : null}
            </TD>
            <TD className="whitespace-nowrap text-xs" data-source={o.source} title={SOURCE_LABEL[o.source].hint}>
              {SOURCE_LABEL[o.source].label}
            </TD>
            <TD>{o.parsedStage ? <StageBadge stage={o.parsedStage} /> : '—'}</TD>
            <TD className="font-mono text-xs">{o.statusWords?.length ? o.statusWords.join(', ') : '—'}</TD>
            <TD className="text-xs">
              {o.registrar ?? '—'}
              <div>
                {o.expiresAt
                  ? `${o.source === 'rdap_registrar' ? 'paid up to' : 'expires'} ${formatDate(o.expiresAt)}`
                  : ''}
              </div>
            </TD>
            <TD className="text-xs">
              {o.error ? (
                <Badge tone="bad">failed: {o.error.length > 60 ? `${o.error.slice(0, 60)}…` : o.error}</Badge>
              ) : (
                <Badge tone="good">answered</Badge>
              )}
              {o.latencyMs !== null ? <div className="mt-1 text-muted-foreground">{o.latencyMs} ms</div> : null}
            </TD>
            <TD className="text-xs">
              {o.evidence?.length ? (
                <details>
                  <summary className="cursor-pointer underline">{o.evidence.length} items</summary>
                  <ul className="mt-1 list-disc pl-4">
                    {o.evidence.map((e) => (
                      <li key={`${e.code}-${e.source}-${e.message}`}>
                        <strong>{e.kind === 'decided' ? 'Decided' : 'Note'}</strong> ({e.source}): {e.message}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                '—'
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
