'use client';

import { LoadError } from '@/components/layout/load-error';

export default function OutboxError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <LoadError what="The outbox" error={error} retry={retry} />;
}
