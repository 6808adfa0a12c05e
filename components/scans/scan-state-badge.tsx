import { Ban, CircleCheck, CircleX, Clock, Loader } from 'lucide-react';
import { Badge } from '../ui/badge';

const META = {
  queued: { label: 'Queued', icon: Clock, tone: 'neutral' },
  running: { label: 'Running', icon: Loader, tone: 'info' },
  done: { label: 'Done', icon: CircleCheck, tone: 'good' },
  failed: { label: 'Failed', icon: CircleX, tone: 'bad' },
  cancelled: { label: 'Cancelled', icon: Ban, tone: 'neutral' },
} as const;

export function ScanStateBadge({ state }: { state: string }) {
  const meta = META[state as keyof typeof META] ?? META.queued;
  const Icon = meta.icon;
  return (
    <Badge tone={meta.tone}>
      <Icon aria-hidden="true" />
      {meta.label}
    </Badge>
  );
}
