import { AlertTriangle, KeyRound, MailPlus } from 'lucide-react';
import Link from 'next/link';
import type { AccountOverview } from '@/lib/account/queries';
import { Button } from '../ui/button';

/** Shown while any address is flagged or its domain is expiring or in grace, with the two remedies. */
export function AccountWarning({ overview }: { overview: AccountOverview }) {
  const atRisk = overview.addresses.filter(
    (a) =>
      a.flag ||
      (a.unverifyReason === 'domain_lifecycle' && !a.verified) ||
      a.stage === 'expiring' ||
      a.stage === 'grace',
  );
  if (atRisk.length === 0) return null;
  // A backup is an address that cannot lapse with the others: verified, trusted for resets, not at risk.
  const hasBackup = overview.addresses.some((a) => a.canReceiveReset && !atRisk.includes(a));
  const { totpEnabled, passkeyCount } = overview.user;
  const secondFactor = passkeyCount > 0 ? 'passkey' : totpEnabled ? 'totp' : null;
  return (
    <div role="alert" className="mb-6 rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950">
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle aria-hidden="true" className="size-5" /> Your account may be at risk
      </p>
      <p className="mt-1 text-sm">
        The domain of {atRisk.map((a) => a.address).join(', ')} is lapsing or changed hands. Whoever holds a domain
        receives its mail, including password resets.{' '}
        {hasBackup ? 'Your backup address still receives resets; ' : 'Add a backup address at a big provider and '}
        {secondFactor === 'passkey'
          ? 'your passkey still signs you in, and a reset link alone cannot: it is your strongest way back in.'
          : secondFactor === 'totp'
            ? 'two-factor authentication is on. A passkey would also stop a look-alike phishing page.'
            : 'turn on two-factor authentication, ideally with a passkey.'}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button asChild size="sm" variant={hasBackup ? 'outline' : 'default'}>
          <Link href="/account#add-address">
            <MailPlus aria-hidden="true" /> Add a backup address
          </Link>
        </Button>
        {secondFactor === 'passkey' ? null : (
          <Button asChild size="sm" variant={hasBackup ? 'default' : 'outline'}>
            <Link href="/account/two-factor">
              <KeyRound aria-hidden="true" />{' '}
              {secondFactor === 'totp' ? 'Add a passkey' : 'Enable two-factor authentication'}
            </Link>
          </Button>
        )}
      </div>
    </div>
  );
}
