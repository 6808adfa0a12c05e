import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { DeadResetLink } from '@/components/reset/dead-link';
import { ResetCompleteForm } from '@/components/reset/reset-complete-form';
import { RESET_LINK_STALE } from '@/lib/reset/complete';
import { resetLinkIsLive } from '@/lib/reset/queries';
import { completeResetAction } from '../actions';

// The token is in the path: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer', robots: { index: false } };

export default async function ResetWithTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Looked at, not used: mail scanners open links, and only the form's POST spends the token.
  const valid = await resetLinkIsLive(token, new Date());
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4">
      <div className="w-full max-w-md rounded-lg border border-border bg-white p-6 shadow-sm">
        <h1 className="mb-4 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden="true" className="size-5 text-primary" /> Choose a new password
        </h1>
        {valid ? (
          <ResetCompleteForm action={completeResetAction} token={token} />
        ) : (
          <DeadResetLink message={RESET_LINK_STALE} />
        )}
      </div>
    </main>
  );
}
