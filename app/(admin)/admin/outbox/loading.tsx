import { ListSkeleton } from '@/components/layout/page-skeleton';

export default function Loading() {
  return <ListSkeleton label="Loading the outbox" />;
}
