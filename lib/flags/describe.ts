import type { NotifyResult } from './notify';
import type { OverrideResult } from './override';
import type { ReviewResult } from './review';

// What a staff action did, in one sentence for the page. Type-only imports: safe in client components.

/** "3 flags", "1 flag": counts in messages people read. */
export const flagsWord = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'flag' : 'flags'}`;

export function describeReview(r: ReviewResult): string {
  const verb = r.decision === 'confirm' ? 'Confirmed' : 'Rejected';
  const skipped = r.skipped ? ` ${flagsWord(r.skipped)} had already been decided and were left alone.` : '';
  return `${verb} ${flagsWord(r.reviewed)}.${skipped}`;
}

export function describeOverride(r: OverrideResult): string {
  const what =
    r.decision === 'restore_verified'
      ? `${r.restored} ${r.restored === 1 ? 'address' : 'addresses'} verified again`
      : 'addresses kept unverified';
  const skipped = r.skipped ? ` ${flagsWord(r.skipped)} were already closed and left alone.` : '';
  return `Overrode ${flagsWord(r.overridden)}: ${what}.${skipped}`;
}

export function describeNotify(r: NotifyResult): string {
  const parts = [r.notified ? `Notified the users of ${flagsWord(r.notified)}.` : 'Nobody new to notify.'];
  if (r.alreadyNotified) parts.push(`${flagsWord(r.alreadyNotified)} had been notified already.`);
  if (r.skipped) parts.push(`${flagsWord(r.skipped)} were resolved and skipped.`);
  return parts.join(' ');
}
