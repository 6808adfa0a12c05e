import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { listDomainList } from '@/lib/settings/domain-lists';
import { getPolicySettings } from '@/lib/settings/policy';
import { DomainListCard } from './domain-list-card';
import { PolicyForm } from './policy-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { db } = await pageContext('settings.manage');
  const [policy, trusted, blocked] = await Promise.all([
    getPolicySettings(db),
    listDomainList(db, 'trusted'),
    listDomainList(db, 'blocked'),
  ]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Admin only: the policy the scanner applies, and the domain lists. Every change is validated and recorded in the audit log."
      />
      <p className="mb-4 text-sm">
        Plugging your registry in:{' '}
        <Link className="underline" href="/admin/settings/api">
          API tokens
        </Link>{' '}
        (sync, reset flow, metrics) and{' '}
        <Link className="underline" href="/admin/settings/webhooks">
          webhooks
        </Link>
        . Phishing domains that imitate yours:{' '}
        <Link className="underline" href="/admin/settings/lookalikes">
          look-alike watch
        </Link>
        .
      </p>
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Policy</CardTitle>
          </CardHeader>
          <CardContent>
            <PolicyForm initial={policy} />
          </CardContent>
        </Card>
        <div className="grid gap-6 xl:grid-cols-2">
          <DomainListCard
            list="trusted"
            title="Trusted providers"
            hint="Never checked: big providers whose domains cannot lapse in practice."
            entries={trusted}
          />
          <DomainListCard
            list="blocked"
            title="Blocked domains"
            hint="Cannot be added as a new address (disposable mail, known-lapsed domains)."
            entries={blocked}
          />
        </div>
      </div>
    </>
  );
}
