import type { FlagSummary } from '@/lib/flags/summary';
import { formatDateTime } from '../data-table/format';
import { StageBadge } from '../domains/stage-badge';
import { Badge } from '../ui/badge';
import { FlagStateBadge } from './flag-state-badge';

/** Flags as one line each: state, the stage that opened it, the address, when. */
export function FlagList({ flags, itemTestId }: { flags: (FlagSummary & { address: string })[]; itemTestId?: string }) {
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {flags.map((f) => (
        <li key={f.id} className="flex flex-wrap items-center gap-2" data-testid={itemTestId}>
          <FlagStateBadge state={f.state} />
          <StageBadge stage={f.stage} />
          <span className="font-mono text-xs">{f.address}</span>
          <span className="text-muted-foreground">{formatDateTime(f.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Whether an address may receive password resets, and if not, why (staff view: the reason is shown). */
export function VerificationBadge({ verified, unverifyReason }: { verified: boolean; unverifyReason: string | null }) {
  return verified ? (
    <Badge tone="good">verified</Badge>
  ) : (
    <Badge tone="bad">unverified{unverifyReason ? ` (${unverifyReason.replace('_', ' ')})` : ''}</Badge>
  );
}
