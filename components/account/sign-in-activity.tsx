import type { SignInActivity as SignInActivityRow, SignInOutcome } from '@/lib/auth/sign-in-events';
import { formatRecent } from '../data-table/format';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';

// Every outcome needs words: a new one cannot be added without saying what it means here.
export const SIGN_IN_OUTCOME_WORDS: Record<SignInOutcome, string> = {
  signed_in: 'signed in',
  wrong_password: 'wrong password',
  // Never shown for an account (such rows have no user), listed so every outcome has words.
  unknown_user: 'no such account',
  wrong_code: 'wrong or already used two-factor code',
  ticket_refused: 'second step too late or from another browser',
  passkey_refused: 'passkey answer refused',
  passkey_cloned: 'refused: the passkey’s counter went backwards (a copy of the key?)',
  throttled: 'refused: too many failed sign-ins for this account',
  rate_limited: 'refused: too many sign-in attempts from that network',
};

/**
 * An account's recent sign-ins, successes and failures, with where they came from: the owner sees
 * their own on /account, staff see a user's on the user's page. Rows come by user id only.
 */
export function SignInActivity({
  events,
  title = 'Recent sign-in activity',
  className = 'mb-6',
}: {
  events: SignInActivityRow[];
  title?: string;
  className?: string;
}) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm">No sign-in recorded yet.</p>
        ) : (
          <ul className="divide-y divide-border text-sm" data-testid="sign-in-activity" aria-label={title}>
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2 py-2" data-outcome={e.outcome}>
                <Badge tone={e.outcome === 'signed_in' ? 'good' : 'bad'}>
                  {e.outcome === 'signed_in' ? 'success' : 'failed'}
                </Badge>
                <span>{SIGN_IN_OUTCOME_WORDS[e.outcome]}</span>
                <span className="text-muted-foreground">
                  from <span className="font-mono">{e.clientIp ?? 'an unknown address'}</span>
                  {e.knownDevice ? ', a browser that signed in before' : ''}
                </span>
                <span className="text-xs text-muted-foreground">({formatRecent(e.at)} UTC)</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
