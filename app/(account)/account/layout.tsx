import type { ReactNode } from 'react';
import { AccountShell } from '@/components/layout/account-shell';
import { requirePermission } from '@/lib/auth/session';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await requirePermission('account.manage');
  return (
    <AccountShell username={actor.username} role={actor.role}>
      {children}
    </AccountShell>
  );
}
