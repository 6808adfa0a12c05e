import { ShieldX } from 'lucide-react';
import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="max-w-md text-center">
        <ShieldX aria-hidden="true" className="mx-auto mb-3 size-10 text-red-700" />
        <h1 className="text-xl font-semibold">403 — not allowed</h1>
        <p className="mt-2 text-sm text-muted-foreground">Your role does not give access to this page.</p>
        <p className="mt-4 text-sm">
          <Link className="underline" href="/">
            Go to your start page
          </Link>
        </p>
      </div>
    </main>
  );
}
