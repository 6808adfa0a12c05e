import { KeyRound } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';

function summary(totpEnabled: boolean, passkeys: number, recoveryCodesLeft: number): string {
  const codes = `${recoveryCodesLeft} recovery code${recoveryCodesLeft === 1 ? '' : 's'} left.`;
  if (passkeys > 0)
    return `${passkeys === 1 ? 'A passkey signs' : `${passkeys} passkeys sign`} you in${totpEnabled ? ' (an authenticator app too)' : ''}. It is your strongest way back into your account: a reset link never removes it, and a phishing page cannot use it. ${codes}`;
  if (totpEnabled)
    return `Signing in needs a code from your authenticator app. ${codes} A passkey would also stop a look-alike phishing page.`;
  return 'Off: anyone with your password, or a reset link, can sign in. With a passkey (or a code from an app), a reset link alone is not enough.';
}

export function TwoFactorCard({
  totpEnabled,
  passkeys,
  recoveryCodesLeft,
}: {
  totpEnabled: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}) {
  const on = totpEnabled || passkeys > 0;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRound aria-hidden="true" className="size-4" /> Two-factor authentication{' '}
          {on ? <Badge tone="good">on</Badge> : <Badge tone="warn">off</Badge>}
          {passkeys > 0 ? <Badge tone="good">passkey</Badge> : null}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="max-w-prose">{summary(totpEnabled, passkeys, recoveryCodesLeft)}</p>
        <Button asChild size="sm" variant={on ? 'outline' : 'default'}>
          <Link href="/account/two-factor">{on ? 'Manage' : 'Enable two-factor authentication'}</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
