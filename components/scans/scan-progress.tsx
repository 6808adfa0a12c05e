import type { ScanRow } from '@/lib/scans/queries';
import { Progress } from '../ui/progress';
import { ScanStateBadge } from './scan-state-badge';

/** Where a scan is: state, a bar while it runs, and the numbers in words. */
export function ScanProgress({
  scan,
  compact = false,
}: {
  scan: Pick<ScanRow, 'id' | 'state' | 'checked' | 'total' | 'counters'>;
  compact?: boolean;
}) {
  const running = scan.state === 'running' || scan.state === 'queued';
  const words =
    scan.state === 'queued'
      ? 'waiting for a worker'
      : `${scan.checked.toLocaleString('en')} of ${scan.total.toLocaleString('en')} domains checked`;
  return (
    <div className="flex min-w-48 flex-col gap-1" data-testid="scan-progress" data-state={scan.state}>
      <div className="flex items-center gap-2">
        <ScanStateBadge state={scan.state} />
        <span className="text-xs text-muted-foreground tabular-nums">{words}</span>
      </div>
      {running || !compact ? (
        <Progress
          value={scan.checked}
          max={Math.max(scan.total, scan.checked)}
          label={`Progress of scan #${scan.id}`}
        />
      ) : null}
      {!compact && !running ? (
        <p className="text-xs text-muted-foreground">
          {scan.counters.domainsChanged} changed stage · {scan.counters.domainsErrored} failed ·{' '}
          {scan.counters.flagsOpened} flags opened
        </p>
      ) : null}
    </div>
  );
}
