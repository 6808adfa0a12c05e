import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { OutboxTable } from '@/components/outbox/outbox-table';
import { ResetAttemptsTable } from '@/components/outbox/reset-attempts-table';
import { PageHeader } from '@/components/ui/page-header';
import { NOTIFICATION_STATES } from '@/db/schema/enums';
import { pageContext } from '@/lib/auth/session';
import { appBaseUrl, readEnv } from '@/lib/env';
import { listOutbox } from '@/lib/notify/queries';
import { listResetAttempts } from '@/lib/reset/queries';

export const metadata: Metadata = { title: 'Outbox' };

const paramsSchema = z.object({ state: z.enum(NOTIFICATION_STATES).optional().catch(undefined) });

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { db } = await pageContext('outbox.read');
  const { state } = paramsSchema.parse(await searchParams);
  const [outbox, attempts] = await Promise.all([
    listOutbox(db, { state, appUrl: appBaseUrl(readEnv()) }),
    listResetAttempts(db, { limit: 50 }),
  ]);
  const filters: { label: string; value?: (typeof NOTIFICATION_STATES)[number] }[] = [
    { label: `All (${outbox.counts.queued + outbox.counts.sent + outbox.counts.failed})` },
    { label: `Queued (${outbox.counts.queued})`, value: 'queued' },
    { label: `Sent (${outbox.counts.sent})`, value: 'sent' },
    { label: `Failed (${outbox.counts.failed})`, value: 'failed' },
  ];
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every mail: to whom, what it said, and whether it went out. Links that carry a one-time token are hidden here."
      />
      <nav aria-label="Filter by state" className="mb-4 flex flex-wrap gap-3 text-sm">
        {filters.map((f) => (
          <Link
            key={f.label}
            href={f.value ? `/admin/outbox?state=${f.value}` : '/admin/outbox'}
            aria-current={state === f.value ? 'page' : undefined}
            className="underline-offset-4 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline"
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <OutboxTable rows={outbox.rows} />
      <h2 className="mt-8 mb-3 text-base font-semibold">Password-reset requests</h2>
      <ResetAttemptsTable attempts={attempts} />
    </>
  );
}
