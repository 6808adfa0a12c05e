'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/errors';
import { Button } from '../ui/button';
import { Card, CardContent } from '../ui/card';
import { Input, Label } from '../ui/input';

type Props = {
  recoveryCodesLeft: number;
  disable: (input: unknown) => Promise<ActionResult<{ disabled: boolean }>>;
  regenerate: (input: unknown) => Promise<ActionResult<{ recoveryCodes: string[] }>>;
  onCodes: (codes: string[]) => void;
  onDisabled: () => void;
};

/** Turning 2FA off, or replacing the recovery codes, both need a current code. */
export function TwoFactorManage({ recoveryCodesLeft, disable, regenerate, onCodes, onDisabled }: Props) {
  const [pending, run] = useTransition();
  const [error, setError] = useState<string | null>(null);
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
            run(async () => {
              if (submitter?.value === 'regenerate') {
                const result = await regenerate({ code });
                setError(result.ok ? null : result.message);
                if (result.ok) onCodes(result.data.recoveryCodes);
              } else {
                const result = await disable({ code });
                setError(result.ok ? null : result.message);
                if (result.ok) onDisabled();
              }
            });
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
