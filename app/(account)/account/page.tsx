import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AddressList } from '@/components/account/address-list';
import { AccountWarning } from '@/components/account/account-warning';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getAccountOverview } from '@/lib/account/queries';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requirePermission('account.manage');
  const overview = await getAccountOverview(getDb(), actor.id);
  if (!overview) notFound();
  return (
    <>
      <PageHeader title={`Hello, ${overview.user.name}`} description="Your addresses and what protects your account." />
      <AccountWarning overview={overview} />
      <AddressList overview={overview} />
    </>
  );
}
