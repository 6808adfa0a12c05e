import type { ReactNode } from 'react';
import { StepUpProvider } from '@/components/actions/step-up';
import { AccountShell } from '@/components/layout/account-shell';
import { pageContext } from '@/lib/auth/session';
import { getTwoFactorState } from '@/lib/twofactor/queries';
import { proveIdentityAction } from './actions';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { actor, db } = await pageContext('account.manage');
  const twoFactor = await getTwoFactorState(db, actor.id);
  return (
    <AccountShell username={actor.username} role={actor.role}>
      <StepUpProvider prove={proveIdentityAction} twoFactorOn={twoFactor?.enabled ?? false}>
        {children}
      </StepUpProvider>
    </AccountShell>
  );
}
