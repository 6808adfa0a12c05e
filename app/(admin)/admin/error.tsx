'use client';

import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

// A failed read must never look like an empty list: say it failed, offer a retry. The server log has
// the details; the browser gets no stack trace or SQL. The database is blamed only when the server
// said so (a typed DatabaseUnavailableError carries its digest here); any other failure is ours.
export default function AdminError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const databaseDown = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <div className="flex max-w-xl flex-col items-start gap-3">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <Notice tone="error">
        {databaseDown
          ? 'The database did not answer. Nothing was changed; try again in a moment.'
          : 'Something went wrong on our side while reading this page. Nothing was changed.'}
      </Notice>
      <Button onClick={() => retry()}>
        <RotateCcw aria-hidden="true" /> Try again
      </Button>
    </div>
  );
}
