import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

// A dashboard page the role may not open (staff on /admin/settings): answered 403 inside the dashboard,
// with the navigation the role does have. A role without the dashboard at all gets app/forbidden.tsx.
export default function AdminForbidden() {
  return (
    <>
      <PageHeader title="403 — not allowed" description="Your role does not give access to this page." />
      <p className="text-sm">
        <Link className="underline" href="/admin">
          Back to the overview
        </Link>
      </p>
    </>
  );
}
