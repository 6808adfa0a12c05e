import type { Timeline } from '@/core/domains';
import { formatDate, formatDateTime } from '../data-table/format';
import { Badge } from '../ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';
import { StageBadge } from './stage-badge';
import { MARKER_LABELS } from './timeline-layout';
import type { Stage } from '@/core/domains';

/** The timeline's facts as a table: every lifecycle date with where it came from, every stage change. */
export function KeyDates({
  timeline,
  stageChanges,
}: {
  timeline: Timeline | null;
  stageChanges: { stage: Stage; at: string }[];
}) {
  const dates = (Object.keys(MARKER_LABELS) as (keyof Timeline)[]).map((key) => ({
    key,
    date: timeline?.[key] ?? null,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Table aria-label="Lifecycle dates">
        <THead>
          <tr>
            <TH>Lifecycle date</TH>
            <TH>When</TH>
            <TH>Source</TH>
          </tr>
        </THead>
        <TBody>
          {dates.map(({ key, date }) => (
            <TR key={key}>
              <TD>{MARKER_LABELS[key]}</TD>
              <TD className={date?.kind === 'estimated' ? 'italic' : undefined}>
                {date ? formatDate(date.at) : 'unknown'}
              </TD>
              <TD>
                {date ? (
                  <Badge tone={date.kind === 'stated' ? 'neutral' : 'info'}>
                    {date.kind === 'stated' ? 'stated by the registry' : 'estimated'}
                  </Badge>
                ) : (
                  <span className="text-muted-foreground">not published</span>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <Table aria-label="Stage changes">
        <THead>
          <tr>
            <TH>Stage change observed</TH>
            <TH>Stage</TH>
          </tr>
        </THead>
        <TBody>
          {stageChanges.length === 0 ? (
            <TR>
              <TD colSpan={2} className="text-muted-foreground">
                No check has recorded a stage yet.
              </TD>
            </TR>
          ) : (
            stageChanges.map((c) => (
              <TR key={c.at}>
                <TD>{formatDateTime(c.at)}</TD>
                <TD>
                  <StageBadge stage={c.stage} />
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </div>
  );
}
