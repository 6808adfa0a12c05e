'use client';

import { Bell } from 'lucide-react';
import { Button } from '../ui/button';
import { OverrideDialog, type OverrideValues } from './override-dialog';
import { ReviewDialog } from './review-dialog';

export interface BulkPermissions {
  review: boolean;
  override: boolean;
  notify: boolean;
  restoreReregistered: boolean;
}

/** What can be done with the selected rows; each control says why it is unavailable by being disabled with the count beside it. */
export function BulkBar({
  selectedCount,
  pendingCount,
  reregisteredDomains,
  can,
  pending,
  fieldErrors,
  onReview,
  onNotify,
  onOverride,
  onClear,
}: {
  selectedCount: number;
  pendingCount: number;
  reregisteredDomains: string[];
  can: BulkPermissions;
  pending: boolean;
  fieldErrors: Record<string, string>;
  onReview: (decision: 'confirm' | 'reject') => Promise<boolean>;
  onNotify: () => Promise<boolean>;
  onOverride: (values: OverrideValues) => Promise<boolean>;
  onClear: () => void;
}) {
  const none = selectedCount === 0;
  return (
    <section aria-label="Bulk actions" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-border bg-white p-2">
      <p className="px-2 text-sm" aria-live="polite">
        <strong>{selectedCount}</strong> selected{selectedCount ? `, ${pendingCount} waiting for review` : ''}
      </p>
      {can.review ? (
        <>
          <ReviewDialog decision="confirm" pendingCount={pendingCount} disabled={pendingCount === 0 || pending} pending={pending} onSubmit={() => onReview('confirm')} />
          <ReviewDialog decision="reject" pendingCount={pendingCount} disabled={pendingCount === 0 || pending} pending={pending} onSubmit={() => onReview('reject')} />
        </>
      ) : null}
      {can.notify ? (
        <Button variant="outline" size="sm" disabled={none || pending} onClick={() => void onNotify()}>
          <Bell aria-hidden="true" /> Notify users
        </Button>
      ) : null}
      {can.override ? (
        <OverrideDialog
          count={selectedCount}
          reregisteredDomains={reregisteredDomains}
          canRestoreReregistered={can.restoreReregistered}
          disabled={none || pending}
          pending={pending}
          fieldErrors={fieldErrors}
          onSubmit={onOverride}
        />
      ) : null}
      {selectedCount ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear selection
        </Button>
      ) : null}
    </section>
  );
}
