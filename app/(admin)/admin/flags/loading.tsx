import { PageSkeleton } from '@/components/layout/page-skeleton';

// A loading boundary streams the page: its status is 200 before the page has run. So only lists that
// never answer 404 or 403 themselves have one; the dashboard's root has none (see admin/not-found.tsx).
export default function Loading() {
  return <PageSkeleton />;
}
