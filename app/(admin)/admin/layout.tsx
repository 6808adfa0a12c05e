import type { ReactNode } from 'react';
import { AdminShell } from '@/components/layout/admin-shell';
import { pageContext } from '@/lib/auth/session';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext('dashboard.view');
  return (
    <AdminShell username={actor.username} role={actor.role}>
      {children}
    </AdminShell>
  );
}
