import { notFound } from 'next/navigation';

// Any /admin path no page answers: the dashboard's own 404 (admin/not-found.tsx), inside its layout, so
// the navigation stays and the layout's sign-in and role checks still run first.
export default function MissingAdminPage(): never {
  notFound();
}
