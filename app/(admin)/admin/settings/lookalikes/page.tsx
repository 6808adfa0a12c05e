import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { pageContext } from '@/lib/auth/session';
import { listWatchedNames } from '@/lib/lookalikes/queries';
import { WatchedNames } from './watched-names';

export const metadata: Metadata = { title: 'Look-alike watch' };

export default async function LookalikeSettingsPage() {
  const { db } = await pageContext('settings.manage');
  const names = await listWatchedNames(db);
  return (
    <>
      <PageHeader
        title="Look-alike watch"
        description="Admin only: the registry's own domains (pypi.org, pythonhosted.org) and brand words (pypi) whose look-alike domains are watched. Each name's candidates are checked at once in one scan, then daily while newly registered and weekly otherwise; staff hear of every new registration, mail server and web address."
      />
      <WatchedNames names={names} />
    </>
  );
}
