import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetRequestForm } from '@/components/reset/reset-request-form';
import { RESET_REQUESTED_MESSAGE } from '@/lib/reset/schemas';
import { requestResetAction } from './actions';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ResetPasswordPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4">
      <div className="w-full max-w-md rounded-lg border border-border bg-white p-6 shadow-sm">
        <h1 className="mb-1 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden="true" className="size-5 text-primary" /> Reset your password
        </h1>
        <p className="mb-5 text-sm text-muted-foreground">
          Type your username or one of your addresses. We send a link only to the addresses of your account that are
          verified and chosen for recovery, never to an address whose domain lapsed.
        </p>
        <ResetRequestForm action={requestResetAction} doneMessage={RESET_REQUESTED_MESSAGE} />
        <p className="mt-4 text-sm">
          <Link className="underline" href="/login">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
