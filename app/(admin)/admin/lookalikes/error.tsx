'use client';

import { Button } from '@/components/ui/button';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

// The database is blamed only when the server said so (see admin/error.tsx).
export default function LookalikesError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">The look-alike domains could not be loaded.</p>
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
