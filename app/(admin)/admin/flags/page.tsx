import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { StageBadge } from '@/components/domains/stage-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { FLAG_STATES } from '@/db/schema/enums';
import { requirePermission } from '@/lib/auth/session';
import { listFlags } from '@/lib/flags/queries';

export const metadata: Metadata = { title: 'Flags' };

const paramsSchema = z.object({ state: z.enum(FLAG_STATES).optional().catch(undefined) });

export default async function FlagsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePermission('flags.read');
  const { state } = paramsSchema.parse(await searchParams);
  const rows = await listFlags(getDb(), { state });
  return (
    <>
      <PageHeader title="Flagged emails" description="Addresses whose domain lapsed or changed hands." />
      <nav aria-label="Flag state" className="mb-4 flex gap-3 text-sm">
        {[undefined, ...FLAG_STATES].map((s) => (
          <Link key={s ?? 'all'} href={s ? `/admin/flags?state=${s}` : '/admin/flags'} aria-current={s === state ? 'page' : undefined} className="underline aria-[current=page]:font-semibold aria-[current=page]:no-underline">
            {s ? s.replace('_', ' ') : 'all'}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="No flags here" />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>Address</TH>
              <TH>User</TH>
              <TH>Domain</TH>
              <TH>Stage at flag time</TH>
              <TH>State</TH>
              <TH>Opened</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((f) => (
              <TR key={f.id}>
                <TD className="font-mono text-xs">{f.address}</TD>
                <TD>
                  <Link className="underline" href={`/admin/users/${f.userId}`}>{f.username}</Link>
                </TD>
                <TD>
                  <Link className="underline" href={`/admin/domains/${f.domain}`}>{f.domain}</Link>
                </TD>
                <TD><StageBadge stage={f.stage} /></TD>
                <TD>{f.state.replace('_', ' ')}</TD>
                <TD>{new Date(f.createdAt).toLocaleString('en-GB')}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
