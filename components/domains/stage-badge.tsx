import { AlarmClock, CircleCheck, CircleHelp, Hourglass, ShieldAlert, Skull, TimerReset, UserX } from 'lucide-react';
import { STAGES, type Stage } from '@/core/domains';
import { type BadgeVocabulary, StateBadge } from '../ui/badge';

// Colour is never the only carrier: every stage has a label and an icon too.
export const STAGE_META = {
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
} satisfies BadgeVocabulary<Stage>;

/** Every stage as [value, label], in lifecycle order: for filters. */
export const STAGE_OPTIONS = STAGES.map((s) => [s, STAGE_META[s].label] as const);

export function StageBadge({ stage }: { stage: Stage }) {
  return <StateBadge vocabulary={STAGE_META} value={stage} />;
}
