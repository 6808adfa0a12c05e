import { Ban, CircleCheck, CircleX, Clock, Loader } from 'lucide-react';
import type { ScanState } from '@/db/schema/enums';
import { type BadgeVocabulary, StateBadge } from '../ui/badge';

export const SCAN_STATE_META = {
  queued: { label: 'Queued', icon: Clock, tone: 'neutral', explain: 'waiting for the worker' },
  running: { label: 'Running', icon: Loader, tone: 'info', explain: 'checking domains' },
  done: { label: 'Done', icon: CircleCheck, tone: 'good', explain: 'every domain in scope was checked' },
  failed: { label: 'Failed', icon: CircleX, tone: 'bad', explain: 'stopped on an error' },
  cancelled: { label: 'Cancelled', icon: Ban, tone: 'neutral', explain: 'stopped by staff' },
} satisfies BadgeVocabulary<ScanState>;

export function ScanStateBadge({ state }: { state: ScanState }) {
  return <StateBadge vocabulary={SCAN_STATE_META} value={state} />;
}
