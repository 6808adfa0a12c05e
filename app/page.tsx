import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';

export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  redirect(can(actor.role, 'dashboard.view') ? '/admin' : '/account');
}
