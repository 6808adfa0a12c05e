import { ShieldX } from 'lucide-react';
import { StatusPage } from '@/components/layout/status-page';

export default function Forbidden() {
  return (
    <StatusPage
      title="403 — not allowed"
      className="max-w-md"
      icon={<ShieldX aria-hidden="true" className="mx-auto mb-3 size-10 text-red-700" />}
    >
      <p className="mt-2 text-sm text-muted-foreground">Your role does not give access to this page.</p>
    </StatusPage>
  );
}
