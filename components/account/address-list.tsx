import { formatRecent } from '../data-table/format';
import { CircleAlert, CircleCheck } from 'lucide-react';
import type { AccountOverview } from '@/lib/account/queries';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { AddAddressForm } from './add-address-form';
import { AddressActions } from './address-actions';
import { describeAddress, describePrimaryMove } from './describe-address';
import type { AddAddressAction, AddressActionSet } from './types';

const holdDate = (d: Date) => formatRecent(d);

export function AddressList({
  overview,
  actions,
  addAction,
  providers,
}: {
  overview: AccountOverview;
  actions: AddressActionSet;
  addAction: AddAddressAction;
  providers: string[];
}) {
  const resettable = overview.addresses.filter((a) => a.canReceiveReset);
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Email addresses</CardTitle>
        <p className="text-sm text-muted-foreground">
          {resettable.length === 0
            ? 'No address can receive a password reset right now. Add and verify a backup address.'
            : `Password resets go to: ${resettable.map((a) => a.address).join(', ')}.`}
        </p>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-border">
          {overview.addresses.map((a) => (
            <li key={a.id} className="flex items-start gap-3 py-3" data-testid="address-row">
              {a.verified && !a.flag ? (
                <CircleCheck aria-hidden="true" className="mt-0.5 size-5 text-emerald-700" />
              ) : (
                <CircleAlert aria-hidden="true" className="mt-0.5 size-5 text-red-700" />
              )}
              <div className="flex-1">
                <p className="flex flex-wrap items-center gap-1 font-mono text-sm">
                  <span data-testid="address">{a.address}</span>{' '}
                  {a.isPrimary ? <Badge tone="info">primary</Badge> : null}
                  {a.verified ? <Badge tone="good">verified</Badge> : <Badge tone="bad">unverified</Badge>}
                  {a.flag ? <Badge tone="severe">flagged</Badge> : null}
                  {a.canReceiveReset ? <Badge tone="neutral">receives resets</Badge> : null}
                  {a.resetHoldUntil ? <Badge tone="warn">resets from {holdDate(a.resetHoldUntil)}</Badge> : null}
                </p>
                <p className="mt-1 text-sm text-slate-700">{describeAddress(a)}</p>
                {describePrimaryMove(a) ? (
                  <p className="mt-1 text-sm text-slate-700" data-testid="primary-because">
                    {describePrimaryMove(a)}
                  </p>
                ) : null}
                {a.resetHoldUntil ? (
                  <p className="mt-1 text-sm text-slate-700" data-testid="reset-hold">
                    New recovery addresses wait 72 hours: {a.address} receives password-reset links from{' '}
                    {holdDate(a.resetHoldUntil)} UTC. Until then they go to your other recovery addresses, so someone
                    who got into your session cannot add an address and reset your password at once.
                  </p>
                ) : a.resetBlock === 'domain_not_watched' && a.verified && a.useForRecovery ? (
                  <p className="mt-1 text-sm text-slate-700">
                    We have not been able to check the domain {a.domain} yet, so it cannot receive password resets until
                    we have.
                  </p>
                ) : null}
                <AddressActions
                  address={{
                    id: a.id,
                    address: a.address,
                    verified: a.verified,
                    isPrimary: a.isPrimary,
                    useForRecovery: a.useForRecovery,
                    flagged: a.flag !== null,
                  }}
                  actions={actions}
                />
              </div>
            </li>
          ))}
        </ul>
        <AddAddressForm action={addAction} providers={providers} />
      </CardContent>
    </Card>
  );
}
