'use client';

import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { ScanProgress } from '@/components/scans/scan-progress';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ActionResult } from '@/lib/errors';
import { overviewKeys } from '../overview-query';
import { isActive, scanKeys, scanQuery } from '../scans/scans-query';

/**
 * "Rescan now": asks for a scan, follows it with a progress bar (polling), and when it ends
 * invalidates what it may have changed, so the new observations appear without a reload.
 */
export function Rescan({
  label,
  start,
  invalidate,
}: {
  label: string;
  start: () => Promise<ActionResult<{ scanId: number }>>;
  invalidate: QueryKey[];
}) {
  const queryClient = useQueryClient();
  const [scanId, setScanId] = useState<number | null>(null);
  const action = useAction<void, { scanId: number }>(start, {
    invalidate: [scanKeys.all],
    success: ({ scanId: id }) => `Scan #${id} requested.`,
    onSuccess: ({ scanId: id }) => setScanId(id),
  });
  const { data } = useQuery({ ...scanQuery(scanId ?? 0, false), enabled: scanId !== null });
  const scan = data?.scan;
  const settled = useRef<number | null>(null);

  useEffect(() => {
    if (!scan || isActive(scan.state) || settled.current === scan.id) return;
    settled.current = scan.id;
    for (const queryKey of [...invalidate, overviewKeys.all, ['flags'], scanKeys.all])
      void queryClient.invalidateQueries({ queryKey });
  }, [scan, invalidate, queryClient]);

  const running = scan ? isActive(scan.state) : action.pending;
  return (
    <div className="flex flex-col items-start gap-2">
      <Button type="button" onClick={() => void action.run()} disabled={running}>
        <RefreshCw aria-hidden="true" className={running ? 'animate-spin' : undefined} />
        {running ? 'Scanning…' : label}
      </Button>
      {action.message?.tone === 'error' ? <Notice tone="error">{action.message.text}</Notice> : null}
      {scan ? (
        <div role="status" aria-live="polite" className="flex flex-col gap-1 text-sm">
          <ScanProgress scan={scan} compact />
          <span>
            <Link className="underline" href={`/admin/scans/${scan.id}`}>
              Scan #{scan.id}
            </Link>{' '}
            {isActive(scan.state)
              ? 'is running.'
              : scan.state === 'done'
                ? 'finished: the page shows its result.'
                : `ended: ${scan.state}.`}
          </span>
        </div>
      ) : null}
    </div>
  );
}
