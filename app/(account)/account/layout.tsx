import type { ReactNode } from 'react';
import { StepUpProvider } from '@/components/actions/step-up';
import { AccountShell } from '@/components/layout/account-shell';
import { pageContext } from '@/lib/auth/session';
import { getTwoFactorState } from '@/lib/twofactor/queries';
import { passkeyStepUpOptionsAction, proveIdentityAction } from './actions';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { actor, db } = await pageContext('account.manage');
  const twoFactor = await getTwoFactorState(db, actor.id);
  return (
    <AccountShell username={actor.username} role={actor.role}>
      <StepUpProvider
        prove={proveIdentityAction}
        passkeyOptions={passkeyStepUpOptionsAction}
        twoFactorOn={(twoFactor?.enabled ?? false) || (twoFactor?.recoveryCodesLeft ?? 0) > 0}
        hasPasskey={(twoFactor?.passkeys ?? 0) > 0}
      >
        {children}
      </StepUpProvider>
    </AccountShell>
  );
}
