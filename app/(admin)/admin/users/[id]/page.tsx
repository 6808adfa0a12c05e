import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SignInActivity } from '@/components/account/sign-in-activity';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { listSignInActivity } from '@/lib/auth/sign-in-events';
import { parsePathId } from '@/lib/validation/path-id';
import { getUserDetail } from '@/lib/users/detail-queries';
import { UserClient } from './user-client';
import { userKeys } from './user-query';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: Props) {
  const { actor, db } = await pageContext('users.read');
  const id = parsePathId((await params).id);
  if (id === null) notFound();
  const [user, signIns] = await Promise.all([getUserDetail(db, id), listSignInActivity(db, id)]);
  if (!user) notFound();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(userKeys.detail(id), user);
  return (
    <>
      <PageHeader
        title={`${user.name} (${user.username})`}
        description="Addresses, domains, two-factor status, flags, notices, resets and the audit trail of this account."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <UserClient
          id={id}
          can={{ notify: can(actor.role, 'users.notify'), rescan: can(actor.role, 'scans.request') }}
        />
      </HydrationBoundary>
      {/* Rendered on the server with the page: the list changes only when someone signs in. */}
      <SignInActivity events={signIns} title="Sign-in activity" className="mt-6" />
    </>
  );
}
