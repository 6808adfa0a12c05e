'use client';

import { Bell } from 'lucide-react';
import type { Role } from '@/db/schema/enums';
import { MIN_RELEASE_REASON, needsReason, type ReleaseTarget, releaseRefusal } from '@/lib/auth/release-rules';
import { Button } from '../ui/button';
import { OverrideDialog, type OverrideValues } from './override-dialog';
import { ReviewDialog } from './review-dialog';

export interface BulkPermissions {
  review: boolean;
  override: boolean;
  notify: boolean;
  /** Which release rules apply (lib/auth/release-rules.ts). */
  role: Role;
}

/**
 * What can be done with the selected rows; each control says why it is unavailable by being disabled
 * with the count beside it, or (releasing) by the rule's reason in its dialog.
 */
export function BulkBar({
  selectedCount,
  pendingCount,
  heldTargets,
  liveTargets,
  reregisteredDomains,
  can,
  pending,
  fieldErrors,
  reviewFieldErrors,
  onReview,
  onNotify,
  onOverride,
  onClear,
}: {
  selectedCount: number;
  pendingCount: number;
  /** Selected flags waiting for review: what a reject would release. */
  heldTargets: ReleaseTarget[];
  /** Selected flags still open or held: what a restore would release. */
  liveTargets: ReleaseTarget[];
  reregisteredDomains: string[];
  can: BulkPermissions;
  pending: boolean;
  fieldErrors: Record<string, string>;
  reviewFieldErrors: Record<string, string>;
  onReview: (decision: 'confirm' | 'reject', reason: string) => Promise<boolean>;
  onNotify: () => Promise<boolean>;
  onOverride: (values: OverrideValues) => Promise<boolean>;
  onClear: () => void;
}) {
  const none = selectedCount === 0;
  const rejectRefusal = releaseRefusal(can.role, 'reject', heldTargets)?.message ?? null;
  const restoreRefusal = releaseRefusal(can.role, 'restore', liveTargets)?.message ?? null;
  return (
    <section
      aria-label="Bulk actions"
      className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-border bg-white p-2"
    >
      <p className="px-2 text-sm" aria-live="polite">
        <strong>{selectedCount}</strong> selected{selectedCount ? `, ${pendingCount} waiting for review` : ''}
      </p>
      {can.review ? (
        <>
          <ReviewDialog
            decision="confirm"
            pendingCount={pendingCount}
            disabled={pendingCount === 0 || pending}
            pending={pending}
            onSubmit={() => onReview('confirm', '')}
          />
          <ReviewDialog
            decision="reject"
            pendingCount={pendingCount}
            disabled={pendingCount === 0 || pending}
            pending={pending}
            refusal={rejectRefusal}
            reasonRequired={needsReason('reject', heldTargets)}
            minReason={MIN_RELEASE_REASON}
            fieldErrors={reviewFieldErrors}
            onSubmit={(reason) => onReview('reject', reason)}
          />
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
          restoreRefusal={restoreRefusal}
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
