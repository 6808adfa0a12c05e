import { Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/components/data-table/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';

/**
 * A short admin list (tokens, endpoints, deliveries): its empty state, or a labelled table whose
 * last column may be an action named only for screen readers.
 */
export function RecordTable<R extends { id: number }>({
  label,
  columns,
  action,
  rows,
  empty,
  cells,
}: {
  label: string;
  columns: string[];
  /** The action column's name (sr-only), when rows carry one. */
  action?: string;
  rows: R[];
  empty: { title: string; text: string };
  cells: (row: R) => ReactNode[];
}) {
  if (rows.length === 0) return <EmptyState title={empty.title}>{empty.text}</EmptyState>;
  return (
    <Table aria-label={label}>
      <THead>
        <TR>
          {columns.map((c) => (
            <TH key={c}>{c}</TH>
          ))}
          {action ? (
            <TH>
              <span className="sr-only">{action}</span>
            </TH>
          ) : null}
        </TR>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.id}>
            {cells(row).map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns, in order.
              <TD key={i}>{cell}</TD>
            ))}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

/** "in force" / "removed <when>": the state of something an admin can withdraw. */
export function WithdrawnBadge({ at, word, live }: { at: string | null; word: string; live: string }) {
  return at ? <Badge tone="neutral">{`${word} ${formatDateTime(at)}`}</Badge> : <Badge tone="good">{live}</Badge>;
}

/** A row's one action (revoke, remove, replay), named for screen readers by `label`. */
export function RowAction({
  label,
  icon,
  text,
  disabled,
  onClick,
}: {
  label: string;
  icon: ReactNode;
  text: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <Button variant="ghost" size="sm" aria-label={label} disabled={disabled} onClick={onClick}>
      {icon} {text}
    </Button>
  );
}

/**
 * The last two cells of something an admin can withdraw (a token revoked, an endpoint removed): its
 * state, and the button that withdraws it while it is live.
 */
export function withdrawCells(o: {
  at: string | null;
  word: string;
  live: string;
  label: string;
  text: string;
  pending: boolean;
  onWithdraw: () => void;
}): ReactNode[] {
  return [
    <WithdrawnBadge key="state" at={o.at} word={o.word} live={o.live} />,
    o.at ? null : (
      <RowAction
        key="withdraw"
        label={o.label}
        icon={<Trash2 aria-hidden="true" />}
        text={o.text}
        disabled={o.pending}
        onClick={o.onWithdraw}
      />
    ),
  ];
}
