'use client';

import { Ban, Play } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { overviewKeys } from '../overview-query';
import { cancelScanAction, startFullScanAction } from './actions';
import { scanKeys } from './scans-query';

/** Admin only: start a full scan of every watched domain, then follow it on its page. */
export function StartFullScan() {
  const router = useRouter();
  const action = useAction(startFullScanAction, {
    invalidate: [scanKeys.all, overviewKeys.all],
    success: ({ scanId }) => `Full scan #${scanId} requested.`,
    onSuccess: ({ scanId }) => router.push(`/admin/scans/${scanId}`),
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={() => void action.run({})} disabled={action.pending}>
        <Play aria-hidden="true" /> {action.pending ? 'Starting…' : 'Start a full scan'}
      </Button>
      {action.message ? <Notice tone={action.message.tone}>{action.message.text}</Notice> : null}
    </div>
  );
}

/** Admin only: stop a queued or running scan; what it already applied stays. */
export function CancelScan({ scanId }: { scanId: number }) {
  const action = useAction(cancelScanAction, {
    invalidate: [scanKeys.all, overviewKeys.all],
    success: () => `Scan #${scanId} cancelled.`,
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="destructive"
        size="sm"
        onClick={() => void action.run({ scanId })}
        disabled={action.pending}
        aria-label={`Cancel scan #${scanId}`}
      >
        <Ban aria-hidden="true" /> Cancel
      </Button>
      {action.message ? <Notice tone={action.message.tone}>{action.message.text}</Notice> : null}
    </div>
  );
}
