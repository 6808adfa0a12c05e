'use client';

import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';
import { Button } from '../ui/button';

/**
 * A list page's error boundary in plain words: what could not be loaded, and why when the server
 * said so (the database is blamed only on its own digest: see admin/error.tsx).
 */
export function LoadError({
  what,
  error,
  retry,
}: {
  what: string;
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{what} could not be loaded.</p>
      <p className="mt-1">
        {error.digest === DATABASE_UNAVAILABLE_DIGEST
          ? 'The database did not answer. Nothing was changed.'
          : 'Something went wrong on our side while reading it. Nothing was changed.'}
      </p>
      <Button className="mt-3" size="sm" variant="outline" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
