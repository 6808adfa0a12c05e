import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TwoFactorPanel } from '@/components/twofactor/two-factor-panel';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { getTwoFactorState } from '@/lib/twofactor/queries';
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from './actions';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function TwoFactorPage() {
  const { actor, db } = await pageContext('account.manage');
  const state = await getTwoFactorState(db, actor.id);
  if (!state) notFound();
  return (
    <>
      <PageHeader
        title="Two-factor authentication"
        description="A code from an app on your phone, asked for at every sign-in. With it, a password-reset link alone cannot take your account."
      />
      {actor.needsSecondFactor ? (
        <Notice tone="error" className="mb-4">
          Your account has the {actor.role} role. Staff and admin accounts need two-factor authentication: set it up
          below before you open the dashboard.
        </Notice>
      ) : null}
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
