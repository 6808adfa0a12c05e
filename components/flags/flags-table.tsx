import { Bell, ShieldCheck, ShieldOff } from 'lucide-react';
import Link from 'next/link';
import type { FlagRow } from '@/lib/flags/queries';
import { formatDate, formatDateTime } from '../data-table/format';
import { StageBadge } from '../domains/stage-badge';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';
import { SecondFactorBadge } from '../users/second-factor-badge';
import { FlagStateBadge } from './flag-state-badge';

const OVERRIDE_LABEL = { keep_unverified: 'kept unverified', restore_verified: 'restored as verified' } as const;

export function FlagsTable({
  rows,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: FlagRow[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: (checked: boolean) => void;
}) {
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Table aria-label="Flagged email addresses">
      <THead>
        <tr>
          <TH className="w-8">
            <input
              type="checkbox"
              aria-label="Select every flag on this page"
              checked={allChecked}
              onChange={(e) => onToggleAll(e.target.checked)}
              className="size-4"
            />
          </TH>
          <TH>Address</TH>
          <TH>User</TH>
          <TH>Domain now</TH>
          <TH>Stage at flag time</TH>
          <TH>State</TH>
          <TH>Opened</TH>
          <TH>User notified</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((f) => (
          <TR
            key={f.id}
            data-testid="flag-row"
            data-flag-id={f.id}
            data-selected={selected.has(f.id) || undefined}
            className="data-selected:bg-sky-50"
          >
            <TD>
              <input
                type="checkbox"
                aria-label={`Select the flag on ${f.address}`}
                checked={selected.has(f.id)}
                onChange={() => onToggle(f.id)}
                className="size-4"
              />
            </TD>
            <TD className="font-mono text-xs">
              <span className="flex items-center gap-1">
                {f.verified ? (
                  <ShieldCheck aria-hidden="true" className="size-3.5 text-emerald-700" />
                ) : (
                  <ShieldOff aria-hidden="true" className="size-3.5 text-red-700" />
                )}
                {f.address}
              </span>
              <span className="font-sans text-muted-foreground">{f.verified ? 'verified' : 'unverified'}</span>
            </TD>
            <TD>
              <div className="flex flex-col items-start gap-1">
                <Link className="underline" href={`/admin/users/${f.userId}`}>
                  {f.username}
                </Link>
                <SecondFactorBadge totpEnabled={f.totpEnabled} passkeys={f.passkeys} />
              </div>
            </TD>
            <TD>
              <div className="flex flex-col items-start gap-1">
                <Link className="underline" href={`/admin/domains/${encodeURIComponent(f.domain)}`}>
                  {f.domain}
                </Link>
                <StageBadge stage={f.domainStage} />
              </div>
            </TD>
            <TD>
              <StageBadge stage={f.stage} />
            </TD>
            <TD>
              <FlagStateBadge state={f.state} />
              {f.override ? (
                <p className="mt-1 max-w-56 text-xs text-muted-foreground">
                  {OVERRIDE_LABEL[f.override.decision]}
                  {f.override.expiresAt ? ` until ${formatDate(f.override.expiresAt)}` : ''}: “{f.override.reason}”
                </p>
              ) : null}
            </TD>
            <TD className="whitespace-nowrap">{formatDateTime(f.createdAt)}</TD>
            <TD>
              {f.notified ? (
                <span className="inline-flex items-center gap-1 text-sm">
                  <Bell aria-hidden="true" className="size-3.5" /> Yes
                </span>
              ) : (
                <span className="text-sm text-muted-foreground">No</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
