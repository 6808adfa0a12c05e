import { DashboardStatus } from '@/components/layout/dashboard-status';

// A missing user, scan, domain or dashboard path (notFound() in a page, or the catch-all beside this
// file): answered 404 inside the dashboard, so the staff navigation stays on screen.
export default function AdminNotFound() {
  return (
    <DashboardStatus title="404 — nothing here" description="No page, user, scan or domain goes by that address." />
  );
}
