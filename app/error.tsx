'use client';

import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

// A failure above a section's own boundary (a layout's session read): the whole page is replaced. The
// database is blamed only when the server said so (see app/(admin)/admin/error.tsx).
export default function RootError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <h1 className="text-xl font-semibold">This page could not be loaded</h1>
        <p className="text-sm">
          {error.digest === DATABASE_UNAVAILABLE_DIGEST
            ? 'The database did not answer. Nothing was changed; try again in a moment.'
            : 'Something went wrong on our side. Nothing was changed.'}
        </p>
        <Button onClick={() => retry()}>
          <RotateCcw aria-hidden="true" /> Try again
        </Button>
      </div>
    </main>
  );
}
