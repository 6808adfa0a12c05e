import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Role } from '@/db/schema/enums';
import { can } from '@/lib/auth/permissions';
import { SignOutButton } from './sign-out-button';

export function AccountShell({ username, role, children }: { username: string; role: Role; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-border bg-white">
        <div className="mx-auto flex h-14 max-w-4xl items-center justify-between px-4 text-sm">
          <Link href="/account" className="flex items-center gap-2 font-semibold">
            <ShieldCheck aria-hidden="true" className="size-5 text-primary" /> Gravekeeper · Account
          </Link>
          <div className="flex items-center gap-3">
            {can(role, 'dashboard.view') ? (
              <Link className="underline" href="/admin">
                Staff dashboard
              </Link>
            ) : null}
            <span>
              Signed in as <strong>{username}</strong>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-4xl p-4">{children}</main>
    </div>
  );
}
