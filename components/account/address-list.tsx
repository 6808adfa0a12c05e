import { CircleCheck, CircleAlert } from 'lucide-react';
import type { AccountOverview } from '@/lib/account/queries';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { describeAddress } from './describe-address';

export function AddressList({ overview }: { overview: AccountOverview }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Email addresses</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-border">
          {overview.addresses.map((a) => (
            <li key={a.id} className="flex items-start gap-3 py-3" data-testid="address-row">
              {a.verified ? (
                <CircleCheck aria-hidden="true" className="mt-0.5 size-5 text-emerald-700" />
              ) : (
                <CircleAlert aria-hidden="true" className="mt-0.5 size-5 text-red-700" />
              )}
              <div className="flex-1">
                <p className="font-mono text-sm">
                  {a.address} {a.isPrimary ? <Badge tone="info">primary</Badge> : null}{' '}
                  {a.verified ? <Badge tone="good">verified</Badge> : <Badge tone="bad">unverified</Badge>}
                </p>
                <p className="mt-1 text-sm text-slate-700">{describeAddress(a)}</p>
              </div>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
