import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiTokens } from '@/lib/api-tokens/queries';
import { SCOPE_DESCRIPTIONS } from '@/lib/api-tokens/schemas';
import { pageContext } from '@/lib/auth/session';
import { ApiTokens } from './api-tokens';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const { db } = await pageContext('settings.manage');
  const tokens = await listApiTokens(db);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Admin only: tokens your registry's own systems use to call the integration API. A token is shown once, when it is created; creating and revoking are recorded in the audit log."
      />
      <div className="flex flex-col gap-6">
        <ApiTokens tokens={tokens} scopes={SCOPE_DESCRIPTIONS} />
        <Card>
          <CardHeader>
            <CardTitle>Using a token</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2 text-sm">
            <p>
              Send it as <code className="font-mono">Authorization: Bearer gk_…</code>. A revoked token is refused at
              its next call. The calls are described in{' '}
              <Link className="underline" href="/api/v1/openapi.json">
                /api/v1/openapi.json
              </Link>
              .
            </p>
            <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
              curl -H &quot;Authorization: Bearer $GK_TOKEN&quot;
              &quot;https://gravekeeper.example/api/v1/recovery-eligibility?address=dev@example.org&quot;
            </pre>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
