import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

/** A 404 or 403 inside the dashboard: the staff navigation stays on screen, with the way back. */
export function DashboardStatus({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <p className="text-sm">
        <Link className="underline" href="/admin">
          Back to the overview
        </Link>
      </p>
    </>
  );
}
