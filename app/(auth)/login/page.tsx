import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = typeof params.callbackUrl === 'string' && params.callbackUrl.startsWith('/') ? params.callbackUrl : '/';
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-white p-6 shadow-sm">
        <h1 className="mb-1 flex items-center gap-2 text-lg font-semibold">
          <ShieldCheck aria-hidden="true" className="size-5 text-primary" /> Sign in to Gravekeeper
        </h1>
        <p className="mb-5 text-sm text-muted-foreground">Registry accounts protected from lapsed email domains.</p>
        <LoginForm next={next} />
        <p className="mt-4 text-sm">
          <Link className="underline" href="/reset-password">
            Forgot your password?
          </Link>
        </p>
      </div>
    </main>
  );
}
