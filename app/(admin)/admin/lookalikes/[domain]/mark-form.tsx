'use client';

import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { formatDateTime } from '@/components/data-table/format';
import { MarkBadge } from '@/components/lookalikes/candidates-table';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FieldError, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Textarea } from '@/components/ui/textarea';
import type { CandidateRow } from '@/lib/lookalikes/queries';
import { markLookalikeAction } from '../actions';
import { LOOKALIKES_KEY } from '../lookalikes-query';

/** Benign (with a reason) or malicious (goes into the export); both audited, the candidate kept. */
export function MarkForm({ candidate, canMark }: { candidate: CandidateRow; canMark: boolean }) {
  const [reason, setReason] = useState('');
  const mark = useAction(markLookalikeAction, {
    refresh: true,
    // The mark shows in the list (and moves a candidate in or out of the marked views).
    invalidate: [LOOKALIKES_KEY],
    success: (m) => `Marked ${m.domain} ${m.mark}.`,
    onSuccess: () => setReason(''),
  });
  const run = (value: 'benign' | 'malicious') => void mark.run({ domain: candidate.domain, mark: value, reason });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Review <MarkBadge mark={candidate.mark} />
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {candidate.mark ? (
          <p data-testid="mark-reason">
            Marked {candidate.mark} by {candidate.markedBy ?? 'someone no longer here'} on{' '}
            {formatDateTime(candidate.markedAt)}
            {candidate.markReason ? `: ${candidate.markReason}` : '.'}
          </p>
        ) : null}
        {canMark ? (
          <form className="flex flex-col gap-3" onSubmit={(e) => e.preventDefault()}>
            <div className="flex flex-col gap-1">
              <Label htmlFor="mark-reason-input">Reason (needed for benign)</Label>
              <Textarea
                id="mark-reason-input"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
                aria-invalid={Boolean(mark.fields.reason)}
                aria-describedby={mark.fields.reason ? 'mark-reason-error' : undefined}
              />
              <FieldError id="mark-reason-error" message={mark.fields.reason} />
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="destructive" disabled={mark.pending} onClick={() => run('malicious')}>
                <ShieldAlert aria-hidden="true" /> Mark malicious
              </Button>
              <Button type="button" variant="outline" disabled={mark.pending} onClick={() => run('benign')}>
                <ShieldCheck aria-hidden="true" /> Mark benign
              </Button>
            </div>
          </form>
        ) : (
          <p>Your role can read this candidate but not review it.</p>
        )}
        {mark.message ? <Notice tone={mark.message.tone}>{mark.message.text}</Notice> : null}
      </CardContent>
    </Card>
  );
}
