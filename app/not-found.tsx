import { StatusPage } from '@/components/layout/status-page';

export default function NotFound() {
  return <StatusPage title="404 — nothing here" />;
}
