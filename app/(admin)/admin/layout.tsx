import type { ReactNode } from 'react';
import { AdminShell } from '@/components/layout/admin-shell';
import { requirePermission } from '@/lib/auth/session';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requirePermission('dashboard.view');
  return (
    <AdminShell username={actor.username} role={actor.role}>
      {children}
    </AdminShell>
  );
}
