'use client';

import { useState } from 'react';
import { useAction } from '../actions/use-action';
import { Button } from '../ui/button';
import { Card, CardContent } from '../ui/card';
import { Input, Label } from '../ui/input';
import type { TwoFactorActions } from './two-factor-panel';

type Props = {
  recoveryCodesLeft: number;
  disable: TwoFactorActions['disable'];
  regenerate: TwoFactorActions['regenerate'];
  onCodes: (codes: string[]) => void;
  onDisabled: () => void;
};

/** Turning 2FA off, or replacing the recovery codes, both need a current code. */
export function TwoFactorManage({ recoveryCodesLeft, disable, regenerate, onCodes, onDisabled }: Props) {
  const regenerating = useAction(regenerate, { onSuccess: (data) => onCodes(data.recoveryCodes) });
  const disabling = useAction(disable, { onSuccess: () => onDisabled() });
  // The error of the button pressed last.
  const [last, setLast] = useState<'regenerate' | 'disable'>('disable');
  const pending = regenerating.pending || disabling.pending;
  const shown = (last === 'regenerate' ? regenerating : disabling).message;
  const error = shown?.tone === 'error' ? shown.text : null;
  return (
    <Card>
      <CardContent className="flex flex-col gap-3 pt-4 text-sm">
        <p>
          Two-factor authentication is <strong>on</strong>. {recoveryCodesLeft} recovery code
          {recoveryCodesLeft === 1 ? '' : 's'} left.
        </p>
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
            const code = String(new FormData(event.currentTarget).get('code') ?? '');
            const intent = submitter?.value === 'regenerate' ? 'regenerate' : 'disable';
            setLast(intent);
            void (intent === 'regenerate' ? regenerating : disabling).run({ code });
          }}
        >
          <div className="flex max-w-xs flex-col gap-1.5">
            <Label htmlFor="current-code">Current code from your app (or a recovery code)</Label>
            <Input id="current-code" name="code" autoComplete="one-time-code" required maxLength={32} />
          </div>
          {error ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-red-900">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="intent" value="regenerate" variant="outline" disabled={pending}>
              New recovery codes
            </Button>
            <Button type="submit" name="intent" value="disable" variant="destructive" disabled={pending}>
              Turn off two-factor authentication
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
