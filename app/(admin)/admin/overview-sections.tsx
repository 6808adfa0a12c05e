import Link from 'next/link';
import { DailyBars } from '@/components/charts/daily-bars';
import { formatDateTime } from '@/components/data-table/format';
import { ScanProgress } from '@/components/scans/scan-progress';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { OverviewCounts } from '@/lib/overview/queries';

export function FlagsChart({ rows }: { rows: OverviewCounts['flagsPerDay'] }) {
  const opened = rows.reduce((s, r) => s + r.opened, 0);
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Flags opened and resolved, last 90 days</CardTitle>
      </CardHeader>
      <CardContent>
        <DailyBars
          title="Flags opened and resolved per day"
          description={`Over the last 90 days ${opened} flags were opened and ${resolved} were resolved or overridden.`}
          rows={rows}
          series={[
            { key: 'opened', label: 'Opened', color: '#b91c1c' },
            { key: 'resolved', label: 'Resolved or overridden', color: '#047857', hatched: true },
          ]}
        />
      </CardContent>
    </Card>
  );
}

export function SourceHealth({ rows }: { rows: OverviewCounts['sourceHealth'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Source health, last 24 hours</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState title="No source was asked anything in the last day">
            Scans record every answer; none ran since yesterday.
          </EmptyState>
        ) : (
          <Table aria-label="Source health">
            <THead>
              <tr>
                <TH>Source</TH>
                <TH>Checks</TH>
                <TH>Error rate</TH>
                <TH>Latency p50 · p95</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => {
                const rate = r.checks ? r.errors / r.checks : 0;
                return (
                  <TR key={r.source}>
                    <TD className="font-mono text-xs uppercase">{r.source}</TD>
                    <TD className="tabular-nums">{r.checks.toLocaleString('en')}</TD>
                    <TD>
                      <Badge tone={rate > 0.2 ? 'bad' : rate > 0.05 ? 'warn' : 'good'}>
                        {(rate * 100).toFixed(1)} % ({r.errors} failed){rate > 0.2 ? ' — degraded' : ''}
                      </Badge>
                    </TD>
                    <TD className="tabular-nums">{r.p50Ms === null ? 'not timed' : `${r.p50Ms} ms · ${r.p95Ms} ms`}</TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export function LastScans({ rows }: { rows: OverviewCounts['lastScans'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Last scans</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState title="No scan has run yet" />
        ) : (
          <ul className="flex flex-col gap-3 text-sm">
            {rows.map((scan) => (
              <li key={scan.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <Link className="underline" href={`/admin/scans/${scan.id}`}>
                    #{scan.id} {scan.kind}
                    {scan.target ? ` · ${scan.target}` : ''}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{formatDateTime(scan.createdAt)}</span>
                </span>
                <ScanProgress scan={scan} compact />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
