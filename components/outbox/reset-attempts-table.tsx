import { formatRecent } from '../data-table/format';
import { RESET_OUTCOME_WORDS } from '@/components/account/reset-activity';
import type { ResetAttemptRow } from '@/lib/reset/queries';
import { Badge } from '../ui/badge';
import { EmptyState } from '../ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';

const when = (iso: string) => formatRecent(iso, { seconds: true });

/** Password-reset requests with their outcome; for the staff outbox page and a user's admin page. */
export function ResetAttemptsTable({ attempts }: { attempts: ResetAttemptRow[] }) {
  if (attempts.length === 0) return <EmptyState title="No password-reset requests yet" />;
  return (
    <Table>
      <THead>
        <tr>
          <TH>When (UTC)</TH>
          <TH>Typed</TH>
          <TH>Account</TH>
          <TH>Outcome</TH>
          <TH>Link sent to</TH>
          <TH>Client</TH>
        </tr>
      </THead>
      <TBody>
        {attempts.map((a) => (
          <TR key={a.id} data-testid="reset-attempt-row" data-outcome={a.outcome}>
            <TD className="whitespace-nowrap tabular-nums">{when(a.at)}</TD>
            <TD className="font-mono text-xs">{a.input}</TD>
            <TD>{a.username ?? '—'}</TD>
            <TD>
              <Badge tone={a.outcome === 'sent' ? 'good' : a.outcome === 'refused_flagged' ? 'severe' : 'neutral'}>
                {a.outcome}
              </Badge>
              <span className="ml-1 text-xs text-muted-foreground">{RESET_OUTCOME_WORDS[a.outcome]}</span>
            </TD>
            <TD className="font-mono text-xs">{a.sentTo.join(', ') || '—'}</TD>
            <TD className="font-mono text-xs">{a.clientIp ?? '—'}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
