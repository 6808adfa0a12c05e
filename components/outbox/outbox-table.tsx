import { formatRecent } from '../data-table/format';
import type { NotificationKind } from '@/lib/notify/queue';
import type { OutboxRow } from '@/lib/notify/queries';
import { Badge } from '../ui/badge';
import { EmptyState } from '../ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';

// Every kind needs a label: a new kind cannot reach this page unnamed.
export const KIND_LABELS: Record<NotificationKind, string> = {
  domain_expiring: 'domain expiring',
  address_unverified: 'address unverified',
  staff_notice: 'staff notice',
  verify_address: 'verification link',
  password_reset: 'password reset link',
  account_change: 'security change notice',
  lookalike_alert: 'look-alike domain alert',
};

const when = (iso: string) => formatRecent(iso, { seconds: true });

function StateCell({ row }: { row: OutboxRow }) {
  if (row.state === 'sent') return <Badge tone="good">sent {row.sentAt ? when(row.sentAt) : ''}</Badge>;
  if (row.state === 'failed') return <Badge tone="bad">failed</Badge>;
  return <Badge tone="warn">{row.attempts === 0 ? 'queued' : `retry at ${when(row.nextAttemptAt)}`}</Badge>;
}

/** What was sent to whom: one row per mail, the body as sent (one-time links hidden). */
export function OutboxTable({ rows }: { rows: OutboxRow[] }) {
  if (rows.length === 0)
    return <EmptyState title="No mail yet">Mail appears here when a notice or a link is queued.</EmptyState>;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Queued (UTC)</TH>
          <TH>To</TH>
          <TH>Kind</TH>
          <TH>Subject and body</TH>
          <TH>State</TH>
          <TH>Attempts</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.id} data-testid="outbox-row" data-to={r.to ?? ''} data-kind={r.kind} data-state={r.state}>
            <TD className="whitespace-nowrap tabular-nums">{when(r.createdAt)}</TD>
            <TD>
              <span className="font-mono text-xs">{r.to ?? '—'}</span>
              <br />
              <span className="text-xs text-muted-foreground">account {r.username}</span>
            </TD>
            <TD>{KIND_LABELS[r.kind]}</TD>
            <TD className="max-w-md">
              <details>
                <summary className="cursor-pointer font-medium">{r.subject}</summary>
                <pre className="mt-2 whitespace-pre-wrap text-xs text-slate-700">{r.preview}</pre>
              </details>
              {r.lastError ? <p className="mt-1 text-xs text-red-800">{r.lastError}</p> : null}
            </TD>
            <TD>
              <StateCell row={r} />
            </TD>
            <TD className="tabular-nums">{r.attempts}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
