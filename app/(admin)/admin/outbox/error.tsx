'use client';

import { Button } from '@/components/ui/button';

export default function OutboxError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">The outbox could not be loaded.</p>
      <p className="mt-1">The database did not answer. Nothing was changed.</p>
      <Button className="mt-3" size="sm" variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
