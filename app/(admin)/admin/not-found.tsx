import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

// A missing user, scan, domain or dashboard path (notFound() in a page, or the catch-all beside this
// file): answered 404 inside the dashboard, so the staff navigation stays on screen.
export default function AdminNotFound() {
  return (
    <>
      <PageHeader title="404 — nothing here" description="No page, user, scan or domain goes by that address." />
      <p className="text-sm">
        <Link className="underline" href="/admin">
          Back to the overview
        </Link>
      </p>
    </>
  );
}
