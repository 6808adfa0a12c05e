import { AlertTriangle } from 'lucide-react';
import type { AccountOverview } from '@/lib/account/queries';

/** Shown while any address is flagged or its domain is expiring or in grace. */
export function AccountWarning({ overview }: { overview: AccountOverview }) {
  const atRisk = overview.addresses.filter(
    (a) => overview.openFlags.some((f) => f.emailId === a.id) || a.stage === 'expiring' || a.stage === 'grace',
  );
  if (atRisk.length === 0) return null;
  return (
    <div role="alert" className="mb-6 rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950">
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle aria-hidden="true" className="size-5" /> Your account may be at risk
      </p>
      <p className="mt-1 text-sm">
        The domain of {atRisk.map((a) => a.address).join(', ')} is lapsing or changed hands. Whoever holds a domain
        receives its mail, including password resets. Add a backup address at a big provider and turn on two-factor
        authentication.
      </p>
    </div>
  );
}
