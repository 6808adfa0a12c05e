import type { AccountOverview } from '@/lib/account/queries';
import { STAGE_PHRASES } from './stage-phrases';

type Address = AccountOverview['addresses'][number];

const day = (d: Date | null) => (d ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '');

/** One sentence in plain words for the address's state, e.g. "unverified because …". */
export function describeAddress(a: Address): string {
  if (a.verified) {
    if (a.stage === 'expiring' || a.stage === 'grace') {
      return `Verified, but the domain ${a.domain} ${STAGE_PHRASES[a.stage]}${a.expiresAt ? ` (expires ${day(a.expiresAt)})` : ''}.`;
    }
    return 'Verified: it can receive password resets.';
  }
  if (a.unverifyReason === 'domain_lifecycle' && a.stage) {
    const since = a.stageSince ? ` since ${day(a.stageSince)}` : '';
    return `Unverified because the domain ${a.domain} ${STAGE_PHRASES[a.stage]}${since}. It cannot be used to reset your password.`;
  }
  if (a.unverifyReason === 'staff') return 'Unverified by our trust and safety team. It cannot be used to reset your password.';
  if (a.unverifyReason === 'bounce') return 'Unverified because mail to it bounced.';
  return 'Not verified yet: open the link we sent to confirm it.';
}
