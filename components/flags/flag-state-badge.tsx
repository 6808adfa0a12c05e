import { CircleCheck, Eye, type LucideIcon, ShieldOff, Undo2 } from 'lucide-react';
import type { FlagState } from '@/db/schema/enums';
import { Badge } from '../ui/badge';

// Label + icon + colour: colour alone never tells the state.
export const FLAG_STATE_META: Record<
  FlagState,
  { label: string; icon: LucideIcon; tone: 'bad' | 'warn' | 'info' | 'good'; explain: string }
> = {
  open: { label: 'Open', icon: ShieldOff, tone: 'bad', explain: 'address unverified by the engine' },
  pending_review: {
    label: 'Pending review',
    icon: Eye,
    tone: 'warn',
    explain: 'held by the blast-radius guard; address still verified',
  },
  overridden: { label: 'Overridden', icon: Undo2, tone: 'info', explain: 'a staff decision overrides the engine' },
  resolved: { label: 'Resolved', icon: CircleCheck, tone: 'good', explain: 'closed' },
};

export function FlagStateBadge({ state }: { state: FlagState }) {
  const meta = FLAG_STATE_META[state];
  const Icon = meta.icon;
  return (
    <Badge tone={meta.tone} title={meta.explain}>
      <Icon aria-hidden="true" />
      {meta.label}
    </Badge>
  );
}
