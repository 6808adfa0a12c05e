import {
  AlarmClock,
  CircleCheck,
  CircleHelp,
  Hourglass,
  type LucideIcon,
  ShieldAlert,
  Skull,
  TimerReset,
  UserX,
} from 'lucide-react';
import type { Stage } from '@/core/domains';
import { Badge } from '../ui/badge';

// Colour is never the only carrier: every stage has a label and an icon too.
export const STAGE_META: Record<
  Stage,
  { label: string; icon: LucideIcon; tone: 'good' | 'warn' | 'bad' | 'severe' | 'neutral' | 'info'; explain: string }
> = {
  active: { label: 'Active', icon: CircleCheck, tone: 'good', explain: 'registered and paid up' },
  expiring: { label: 'Expiring', icon: AlarmClock, tone: 'info', explain: 'expires within the warning window' },
  grace: { label: 'Grace', icon: Hourglass, tone: 'warn', explain: 'expired; the owner can still renew' },
  redemption: { label: 'Redemption', icon: TimerReset, tone: 'bad', explain: 'deleted; restorable only for a fee' },
  pending_delete: { label: 'Pending delete', icon: Skull, tone: 'bad', explain: 'about to be released' },
  available: { label: 'Available', icon: ShieldAlert, tone: 'severe', explain: 'anyone can register it' },
  re_registered: {
    label: 'Re-registered',
    icon: UserX,
    tone: 'severe',
    explain: 'registered again since verification',
  },
  unknown: { label: 'Unknown', icon: CircleHelp, tone: 'neutral', explain: 'no source could answer' },
};

export function StageBadge({ stage }: { stage: Stage }) {
  const meta = STAGE_META[stage];
  const Icon = meta.icon;
  return (
    <Badge tone={meta.tone} title={meta.explain}>
      <Icon aria-hidden="true" />
      {meta.label}
    </Badge>
  );
}
