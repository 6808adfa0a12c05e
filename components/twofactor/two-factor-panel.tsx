'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/errors';
import { Card } from '../ui/card';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { TwoFactorEnrol } from './two-factor-enrol';
import { TwoFactorManage } from './two-factor-manage';

type Codes = { recoveryCodes: string[] };
export interface TwoFactorActions {
  start: (input: unknown) => Promise<ActionResult<{ secret: string; uri: string; qrDataUrl: string }>>;
  confirm: (input: unknown) => Promise<ActionResult<Codes>>;
  disable: (input: unknown) => Promise<ActionResult<{ disabled: boolean }>>;
  regenerate: (input: unknown) => Promise<ActionResult<Codes>>;
}

/**
 * One component for every state, so what the user was just shown survives the server re-rendering
 * the page after an action (new recovery codes must stay on screen until they say they saved them).
 */
export function TwoFactorPanel({
  enabled,
  recoveryCodesLeft,
  actions,
}: {
  enabled: boolean;
  recoveryCodesLeft: number;
  actions: TwoFactorActions;
}) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  if (codes) {
    return (
      <Card className="p-4">
        <RecoveryCodesPanel codes={codes} />
      </Card>
    );
  }
  if (turnedOff)
    return (
      <p role="status" className="text-sm">
        Two-factor authentication is off. Signing in needs only your password again.
      </p>
    );
  return enabled ? (
    <TwoFactorManage
      recoveryCodesLeft={recoveryCodesLeft}
      disable={actions.disable}
      regenerate={actions.regenerate}
      onCodes={setCodes}
      onDisabled={() => setTurnedOff(true)}
    />
  ) : (
    <TwoFactorEnrol start={actions.start} confirm={actions.confirm} onCodes={setCodes} />
  );
}
