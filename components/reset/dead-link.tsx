import Link from 'next/link';

/**
 * A reset link that cannot be used (spent, expired, replaced, or sent to an address we no longer
 * trust): what happened, then the one way on. The message says only what happened, so "Ask for a
 * new link" appears once.
 */
export function DeadResetLink({ message, tone = 'warn' }: { message: string; tone?: 'warn' | 'error' }) {
  const colours =
    tone === 'warn' ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-red-300 bg-red-50 text-red-900';
  return (
    <p role="alert" data-testid="dead-reset-link" className={`rounded-md border p-3 text-sm ${colours}`}>
      {message}{' '}
      <Link className="font-medium underline" href="/reset-password">
        Ask for a new link
      </Link>
    </p>
  );
}
