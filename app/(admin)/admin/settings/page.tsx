import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { listDomainList } from '@/lib/settings/domain-lists';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('settings.manage');
  const db = getDb();
  const [trusted, blocked] = await Promise.all([listDomainList(db, 'trusted'), listDomainList(db, 'blocked')]);
  return (
    <>
      <PageHeader title="Settings" description="Admin only: policy, scheduling and the domain lists." />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Trusted providers ({trusted.length}) — never checked</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="columns-2 font-mono text-xs">
              {trusted.map((d) => (
                <li key={d.domain}>{d.domain}</li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Blocked domains ({blocked.length}) — cannot be added</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="font-mono text-xs">
              {blocked.map((d) => (
                <li key={d.domain}>
                  {d.domain} {d.note ? <span className="font-sans text-muted-foreground">— {d.note}</span> : null}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
