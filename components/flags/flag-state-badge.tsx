import { CircleCheck, Eye, ShieldOff, Undo2 } from 'lucide-react';
import type { FlagState } from '@/db/schema/enums';
import { type BadgeVocabulary, StateBadge } from '../ui/badge';

// Label + icon + colour: colour alone never tells the state.
export const FLAG_STATE_META = {
  open: { label: 'Open', icon: ShieldOff, tone: 'bad', explain: 'address unverified by the engine' },
  pending_review: {
    label: 'Pending review',
    icon: Eye,
    tone: 'warn',
    explain: 'held by the blast-radius guard; address still verified',
  },
  overridden: { label: 'Overridden', icon: Undo2, tone: 'info', explain: 'a staff decision overrides the engine' },
  resolved: { label: 'Resolved', icon: CircleCheck, tone: 'good', explain: 'closed' },
} satisfies BadgeVocabulary<FlagState>;

export function FlagStateBadge({ state }: { state: FlagState }) {
  return <StateBadge vocabulary={FLAG_STATE_META} value={state} />;
}
