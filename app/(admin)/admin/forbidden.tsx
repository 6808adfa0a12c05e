import { DashboardStatus } from '@/components/layout/dashboard-status';

// A dashboard page the role may not open (staff on /admin/settings): answered 403 inside the dashboard,
// with the navigation the role does have. A role without the dashboard at all gets app/forbidden.tsx.
export default function AdminForbidden() {
  return <DashboardStatus title="403 — not allowed" description="Your role does not give access to this page." />;
}
