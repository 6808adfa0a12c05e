'use client';

import { useState } from 'react';
import type {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from '@/app/(account)/account/two-factor/actions';
import { Card } from '../ui/card';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { TwoFactorEnrol } from './two-factor-enrol';
import { TwoFactorManage } from './two-factor-manage';

/** The two-factor page's actions, as the page hands them over (type-only imports). */
export interface TwoFactorActions {
  start: typeof startTwoFactorAction;
  confirm: typeof confirmTwoFactorAction;
  disable: typeof disableTwoFactorAction;
  regenerate: typeof regenerateRecoveryCodesAction;
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
  if (codes?.length === 0)
    return (
      <p role="status" className="text-sm">
        Two-factor authentication with your app is on. Your recovery codes stay the ones you saved with your passkey.
      </p>
    );
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
