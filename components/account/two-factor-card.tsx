import { KeyRound } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';

export function TwoFactorCard({ enabled, recoveryCodesLeft }: { enabled: boolean; recoveryCodesLeft: number }) {
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRound aria-hidden="true" className="size-4" /> Two-factor authentication{' '}
          {enabled ? <Badge tone="good">on</Badge> : <Badge tone="warn">off</Badge>}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p>
          {enabled
            ? `Signing in needs a code from your authenticator app. ${recoveryCodesLeft} recovery code${recoveryCodesLeft === 1 ? '' : 's'} left.`
            : 'Off: anyone with your password, or a reset link, can sign in. With a code from an app, a reset link alone is not enough.'}
        </p>
        <Button asChild size="sm" variant={enabled ? 'outline' : 'default'}>
          <Link href="/account/two-factor">{enabled ? 'Manage' : 'Enable two-factor authentication'}</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
