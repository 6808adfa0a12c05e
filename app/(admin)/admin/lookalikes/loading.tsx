import { ListSkeleton } from '@/components/layout/page-skeleton';

export default function Loading() {
  return <ListSkeleton label="Loading the look-alike domains" />;
}
