import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AccountWarning } from '@/components/account/account-warning';
import { AddressList } from '@/components/account/address-list';
import { PhishingNotice } from '@/components/account/phishing-notice';
import { NotificationList } from '@/components/account/notification-list';
import { ResetActivity } from '@/components/account/reset-activity';
import { SignInActivity } from '@/components/account/sign-in-activity';
import { TwoFactorCard } from '@/components/account/two-factor-card';
import { PageHeader } from '@/components/ui/page-header';
import { getAccountOverview, listProviderExamples } from '@/lib/account/queries';
import { pageContext } from '@/lib/auth/session';
import { listSignInActivity } from '@/lib/auth/sign-in-events';
import { appBaseUrl, readEnv } from '@/lib/env';
import { phishingWarning } from '@/lib/lookalikes/phishing-warning';
import {
  addAddressAction,
  markNotificationsReadAction,
  removeAddressAction,
  requestVerificationAction,
  setPrimaryAddressAction,
  setRecoveryAddressAction,
} from './actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const { actor, db } = await pageContext('account.manage');
  const [overview, providers, signIns, phishing] = await Promise.all([
    getAccountOverview(db, actor.id),
    listProviderExamples(db),
    listSignInActivity(db, actor.id),
    phishingWarning(db),
  ]);
  if (!overview) notFound();
  return (
    <>
      <PageHeader title={`Hello, ${overview.user.name}`} description="Your addresses and what protects your account." />
      <AccountWarning overview={overview} />
      {phishing ? <PhishingNotice warning={phishing} /> : null}
      <AddressList
        overview={overview}
        providers={providers}
        addAction={addAddressAction}
        actions={{
          requestVerification: requestVerificationAction,
          setPrimary: setPrimaryAddressAction,
          setRecovery: setRecoveryAddressAction,
          remove: removeAddressAction,
        }}
      />
      <TwoFactorCard
        totpEnabled={overview.user.totpEnabled}
        passkeys={overview.user.passkeyCount}
        recoveryCodesLeft={overview.user.recoveryCodesLeft}
      />
      <NotificationList inbox={overview.inbox} markRead={markNotificationsReadAction} appUrl={appBaseUrl(readEnv())} />
      <ResetActivity attempts={overview.resets} />
      <SignInActivity events={signIns} />
    </>
  );
}
