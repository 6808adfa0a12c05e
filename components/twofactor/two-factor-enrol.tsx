'use client';

import { useState } from 'react';
import { useAction } from '../actions/use-action';
import { Button } from '../ui/button';
import { Card, CardContent } from '../ui/card';
import { Input, Label } from '../ui/input';
import type { TwoFactorActions } from './two-factor-panel';

type Enrolment = { secret: string; uri: string; qrDataUrl: string };
type Props = {
  start: TwoFactorActions['start'];
  confirm: TwoFactorActions['confirm'];
  /** Receives the recovery codes once TOTP is on; the parent shows them. */
  onCodes: (codes: string[]) => void;
};

/** Set-up in three steps: a new secret (QR code and text), a code to prove the app has it, the recovery codes. */
export function TwoFactorEnrol({ start, confirm, onCodes }: Props) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const starting = useAction(start, { onSuccess: setEnrolment });
  const confirming = useAction(confirm, { onSuccess: (data) => onCodes(data.recoveryCodes ?? []) });
  const pending = starting.pending || confirming.pending;
  const error = [confirming.message, starting.message].find((m) => m?.tone === 'error')?.text ?? null;
  return (
    <Card>
      <CardContent className="flex flex-col gap-4 pt-4">
        {error ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
            {error}
          </p>
        ) : null}
        {!enrolment ? (
          <div className="flex flex-col gap-3 text-sm">
            <p>You need an authenticator app (for example Aegis, Google Authenticator, 1Password or Bitwarden).</p>
            <Button className="self-start" disabled={pending} onClick={() => void starting.run({})}>
              Set up two-factor authentication
            </Button>
          </div>
        ) : (
          <form
            className="flex flex-col gap-3 text-sm"
            onSubmit={(event) => {
              event.preventDefault();
              const code = String(new FormData(event.currentTarget).get('code') ?? '');
              void confirming.run({ code });
            }}
          >
            <p>1. Scan this QR code with your app, or type the key below into it.</p>
            {/* biome-ignore lint/performance/noImgElement: a data URL generated on the server; nothing for next/image to optimise */}
            <img
              src={enrolment.qrDataUrl}
              alt="QR code with your new authenticator key"
              width={220}
              height={220}
              className="rounded border border-border"
            />
            <p>
              Key:{' '}
              <code data-testid="totp-secret" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono tracking-wider">
                {enrolment.secret}
              </code>
            </p>
            <div className="flex max-w-xs flex-col gap-1.5">
              <Label htmlFor="totp-code">2. Type the 6-digit code the app shows</Label>
              <Input
                id="totp-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                required
              />
            </div>
            <Button type="submit" className="self-start" disabled={pending}>
              {pending ? 'Checking…' : 'Turn on two-factor authentication'}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
