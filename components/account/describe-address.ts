import type { AccountAddress } from '@/lib/account/queries';
import type { Stage } from '@/core/domains';
import { STAGE_PHRASES } from './stage-phrases';

const day = (d: Date | null) =>
  d ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '';

/** One sentence in plain words for the address's state, e.g. "Unverified because the domain … since 3 Nov." */
export function describeAddress(a: AccountAddress): string {
  if (a.verified) {
    if (a.flag)
      return `Verified, but our trust and safety team is reviewing it: the domain ${a.domain} ${STAGE_PHRASES[a.flag.stage]}. It cannot be used to reset your password meanwhile.`;
    if (a.stage === 'expiring' || a.stage === 'grace') {
      return `Verified, but the domain ${a.domain} ${STAGE_PHRASES[a.stage]}${a.expiresAt ? ` (expiry: ${day(a.expiresAt)})` : ''}. Renew it, or add a backup address.`;
    }
    return a.useForRecovery
      ? 'Verified: password resets can be sent here.'
      : 'Verified. You chose not to receive password resets here.';
  }
  if (a.unverifyReason === 'domain_lifecycle') {
    const stage = a.flag?.stage ?? a.stage;
    const sinceDate = a.stageSince ?? a.unverifiedAt;
    // "in its redemption period since 3 Nov" reads right for a period; an event gets its date apart.
    const ongoing = stage === 'grace' || stage === 'redemption' || stage === 'pending_delete';
    const when = sinceDate ? (ongoing ? ` since ${day(sinceDate)}` : ` (noticed ${day(sinceDate)})`) : '';
    return `Unverified because the domain ${a.domain} ${stage ? STAGE_PHRASES[stage] : 'lapsed'}${when}. It cannot be used to reset your password, and we send nothing there.`;
  }
  if (a.unverifyReason === 'staff')
    return 'Unverified by our trust and safety team. It cannot be used to reset your password.';
  if (a.unverifyReason === 'bounce')
    return 'Unverified because mail to it bounced. Send a new verification link to use it again.';
  if (a.unverifyReason === 'user') return 'Unverified. Send a verification link to use it again.';
  return 'Not verified yet: open the link we sent to it (while signed in) to confirm it.';
}

// What happened to a domain, told afterwards ("was primary until its domain …").
const LAPSED_WORDS: Partial<Record<Stage, string>> = {
  expiring: 'was about to expire',
  grace: 'expired',
  redemption: 'went into its redemption period',
  pending_delete: 'was about to be deleted by its registry',
  available: 'was no longer registered',
  re_registered: 'was registered again by someone else',
};

/**
 * Why this address is primary, when the product moved the primary here: which address it replaced and
 * what happened to that one. Null when the owner chose it (or it was the first).
 */
export function describePrimaryMove(a: AccountAddress): string | null {
  const why = a.primaryBecause;
  if (!a.isPrimary || !why) return null;
  const when = day(new Date(why.at));
  const lost =
    why.unverifyReason === 'staff'
      ? 'our trust and safety team unverified it'
      : `its domain ${why.domain} ${(why.stage && LAPSED_WORDS[why.stage]) || 'lapsed'}, so we unverified it`;
  return `Your primary address since ${when}: ${why.previous} was primary until ${lost}. ${a.address} is the oldest address of your account that is still verified, so it took its place.`;
}
