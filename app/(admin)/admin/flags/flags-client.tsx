'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { BulkBar, type BulkPermissions } from '@/components/flags/bulk-bar';
import { FlagsTable } from '@/components/flags/flags-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { describeNotify, describeOverride, describeReview } from '@/lib/flags/describe';
import { type FlagsSearch, flagsSearchToParams } from '@/lib/flags/search';
import { overviewKeys } from '../overview-query';
import { notifyFlagsAction, overrideFlagsAction, reviewFlagsAction } from './actions';
import { flagsKeys, flagsQuery } from './flags-query';

const INVALIDATE = [flagsKeys.all, overviewKeys.all, ['domain'], ['user']];

export function FlagsClient({ search, can }: { search: FlagsSearch; can: BulkPermissions }) {
  const { data, error, isFetching } = useQuery(flagsQuery(search));
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const clear = useCallback(() => setSelected(new Set()), []);
  const review = useAction(reviewFlagsAction, { invalidate: INVALIDATE, success: describeReview, onSuccess: clear });
  const notify = useAction(notifyFlagsAction, { invalidate: INVALIDATE, success: describeNotify });
  const override = useAction(overrideFlagsAction, {
    invalidate: INVALIDATE,
    success: describeOverride,
    onSuccess: clear,
  });
  const rows = data?.rows ?? [];
  const chosen = useMemo(() => rows.filter((r) => selected.has(r.id)), [rows, selected]);
  const message = review.message ?? notify.message ?? override.message;

  const href = (patch: Partial<FlagsSearch>) => {
    const params = flagsSearchToParams({ ...search, ...patch }).toString();
    return `/admin/flags${params ? `?${params}` : ''}`;
  };
  const ids = chosen.map((r) => r.id);
  // What each release would act on (the verbs skip the rest): held flags for a reject, open or held
  // ones for a restore.
  const held = chosen.filter((r) => r.state === 'pending_review');
  const live = chosen.filter((r) => r.state === 'open' || r.state === 'pending_review');
  const reset = () => {
    for (const a of [review, notify, override]) a.setMessage(null);
  };

  if (error) return <Notice tone="error">Could not load the flags: {error.message}</Notice>;
  return (
    <div>
      <BulkBar
        selectedCount={chosen.length}
        pendingCount={held.length}
        heldTargets={held}
        liveTargets={live}
        reregisteredDomains={[
          ...new Set(
            live.filter((r) => r.domainStage === 're_registered' || r.stage === 're_registered').map((r) => r.domain),
          ),
        ]}
        can={can}
        pending={review.pending || notify.pending || override.pending}
        fieldErrors={override.fields}
        reviewFieldErrors={review.fields}
        onReview={async (decision, reason) => {
          reset();
          return (await review.run({ flagIds: ids, decision, reason: reason || undefined })).ok;
        }}
        onNotify={async () => {
          reset();
          return (await notify.run({ flagIds: ids })).ok;
        }}
        onOverride={async (v) => {
          reset();
          return (await override.run({ flagIds: ids, ...v, confirmation: v.confirmation || undefined })).ok;
        }}
        onClear={clear}
      />
      {message ? (
        <Notice tone={message.tone} className="mb-3">
          {message.text}
        </Notice>
      ) : null}
      {!data ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <EmptyState title="No flags match these filters">Clear a filter or two to see more.</EmptyState>
      ) : (
        <div aria-busy={isFetching}>
          <FlagsTable
            rows={rows}
            selected={selected}
            onToggle={(id) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]))}
            onToggleAll={(checked) => setSelected(checked ? new Set(rows.map((r) => r.id)) : new Set())}
          />
        </div>
      )}
      <CursorPagination
        label="Flag pages"
        firstHref={data?.prevCursor ? href({ cursor: undefined, dir: undefined }) : null}
        prevHref={data?.prevCursor ? href({ cursor: data.prevCursor, dir: 'prev' }) : null}
        nextHref={data?.nextCursor ? href({ cursor: data.nextCursor, dir: 'next' }) : null}
      />
    </div>
  );
}
