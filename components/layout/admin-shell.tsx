import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Role } from '@/db/schema/enums';
import { can } from '@/lib/auth/permissions';
import { ADMIN_NAV } from './admin-nav';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

export function AdminShell({ username, role, children }: { username: string; role: Role; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-border bg-slate-50 p-3">
        <Link href="/admin" className="mb-4 flex items-center gap-2 px-3 py-2 font-semibold">
          <ShieldCheck aria-hidden="true" className="size-5 text-primary" /> Gravekeeper
        </Link>
        <nav aria-label="Staff" className="flex flex-col gap-0.5">
          {ADMIN_NAV.filter((item) => can(role, item.permission)).map((item) => (
            <NavLink key={item.href} href={item.href} exact={item.href === '/admin'}>
              <item.icon aria-hidden="true" />
              {item.label}
            </NavLink>
          ))}
          <div className="my-2 border-t border-border" />
          <NavLink href="/account">My account</NavLink>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 items-center justify-end gap-3 border-b border-border px-6 text-sm">
          <span>
            Signed in as <strong>{username}</strong> <span className="text-muted-foreground">({role})</span>
          </span>
          <SignOutButton />
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
