import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PasskeysPanel } from '@/components/twofactor/passkeys-panel';
import { TwoFactorPanel } from '@/components/twofactor/two-factor-panel';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { listPasskeys } from '@/lib/passkeys/queries';
import { getTwoFactorState } from '@/lib/twofactor/queries';
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  passkeyRegistrationOptionsAction,
  regenerateRecoveryCodesAction,
  registerPasskeyAction,
  removePasskeyAction,
  replaceRecoveryCodesAction,
  startTwoFactorAction,
} from './actions';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function TwoFactorPage() {
  const { actor, db } = await pageContext('account.manage');
  const state = await getTwoFactorState(db, actor.id);
  if (!state) notFound();
  const passkeys = await listPasskeys(db, actor.id);
  return (
    <>
      <PageHeader
        title="Two-factor authentication"
        description="A second proof at every sign-in, so a password-reset link alone cannot take your account. A passkey is the strongest: set one up first, and an authenticator app as a backup."
      />
      {actor.needsSecondFactor ? (
        <Notice tone="error" className="mb-4">
          Your account has the {actor.role} role. Staff and admin accounts need two-factor authentication: add a passkey
          or an authenticator app below before you open the dashboard.
        </Notice>
      ) : null}
      <div className="mb-6">
        <PasskeysPanel
          passkeys={passkeys}
          recoveryCodesLeft={state.recoveryCodesLeft}
          actions={{
            options: passkeyRegistrationOptionsAction,
            register: registerPasskeyAction,
            remove: removePasskeyAction,
            recoveryCodes: replaceRecoveryCodesAction,
          }}
        />
      </div>
      <h2 className="mb-1 text-base font-semibold">Authenticator app</h2>
      <p className="mb-3 text-sm text-muted-foreground">
        A 6-digit code from an app on your phone. It works everywhere, but a phishing page can ask you for it, so prefer
        a passkey where you can.
      </p>
      <TwoFactorPanel
        enabled={state.enabled}
        recoveryCodesLeft={state.recoveryCodesLeft}
        actions={{
          start: startTwoFactorAction,
          confirm: confirmTwoFactorAction,
          disable: disableTwoFactorAction,
          regenerate: regenerateRecoveryCodesAction,
        }}
      />
    </>
  );
}
