'use client';

import { LoadError } from '@/components/layout/load-error';

export default function LookalikesError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <LoadError what="The look-alike domains" error={error} retry={retry} />;
}
