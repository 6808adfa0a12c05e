'use client';

import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

// A failed read must never look like an empty list: say it failed, offer a retry. The server log has
// the details; the browser gets no stack trace or SQL.
export default function AdminError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="flex max-w-xl flex-col items-start gap-3">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <Notice tone="error">
        Reading the data failed on our side (the database may be unavailable). Nothing was changed.
      </Notice>
      <Button onClick={() => retry()}>
        <RotateCcw aria-hidden="true" /> Try again
      </Button>
    </div>
  );
}
