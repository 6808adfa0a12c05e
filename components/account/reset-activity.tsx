import { formatRecent } from '../data-table/format';
import type { ResetAttemptRow } from '@/lib/reset/queries';
import type { ResetOutcome } from '@/lib/reset/schemas';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';

// Every outcome needs words: a new one cannot be added without saying what it means here.
export const RESET_OUTCOME_WORDS: Record<ResetOutcome, string> = {
  sent: 'link sent',
  refused_unverified: 'asked with an unverified address: nothing sent there',
  refused_flagged: 'asked with a flagged address: nothing sent there',
  refused_domain: 'asked with an address whose domain is lapsing or not yet checked: nothing sent there',
  no_recovery_address: 'no address could receive it: nothing sent',
  unknown_input: 'no matching account',
  rate_limited: 'too many requests: nothing sent',
};

/** Recent password-reset requests for this account, so the owner notices someone probing. */
export function ResetActivity({ attempts }: { attempts: ResetAttemptRow[] }) {
  if (attempts.length === 0) return null;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Recent password-reset requests</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-border text-sm" data-testid="reset-activity">
          {attempts.map((r) => (
            <li key={r.id} className="py-2">
              <span className="font-mono">{r.input}</span> — {RESET_OUTCOME_WORDS[r.outcome]}
              {r.sentTo.length > 0 ? `; link sent to ${r.sentTo.join(', ')}` : ''}{' '}
              <span className="text-xs text-muted-foreground">({formatRecent(r.at)} UTC)</span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
