import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { OutboxToolbar } from '@/components/outbox/outbox-toolbar';
import { ResetsToolbar } from '@/components/outbox/resets-toolbar';
import { PageHeader } from '@/components/ui/page-header';
import { makeQueryClient } from '@/app/query-client';
import { NOTIFICATION_STATES } from '@/db/schema/enums';
import { pageContext } from '@/lib/auth/session';
import { appBaseUrl, readEnv } from '@/lib/env';
import { outboxSearchSchema } from '@/lib/notify/outbox-search';
import { listOutboxPage, outboxCounts } from '@/lib/notify/queries';
import { parseListSearch } from '@/lib/pagination/search-params';
import { listResetAttemptsPage } from '@/lib/reset/queries';
import { RESET_PARAM_PREFIX, resetSearchSchema } from '@/lib/reset/search';
import { refusalSentences } from '@/lib/validation/refused-filters';
import { MailsClient } from './mails-client';
import { mailParams, mailsQuery, type OutboxPageState, outboxHref, resetParams, resetsQuery } from './outbox-query';
import { ResetsClient } from './resets-client';

export const metadata: Metadata = { title: 'Outbox' };

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db } = await pageContext('outbox.read');
  const raw = await searchParams;
  const mails = parseListSearch(outboxSearchSchema, raw);
  const resets = parseListSearch(resetSearchSchema, raw, RESET_PARAM_PREFIX);
  const state: OutboxPageState = { mails: mails.search, resets: resets.search };
  const queryClient = makeQueryClient();
  const [counts] = await Promise.all([
    outboxCounts(db),
    queryClient.prefetchQuery({
      queryKey: mailsQuery(state.mails).queryKey,
      queryFn: () => listOutboxPage(db, state.mails, { appUrl: appBaseUrl(readEnv()) }),
    }),
    queryClient.prefetchQuery({
      queryKey: resetsQuery(state.resets).queryKey,
      queryFn: () => listResetAttemptsPage(db, state.resets),
    }),
  ]);
  const total = counts.queued + counts.sent + counts.failed;
  const byState = (value: (typeof NOTIFICATION_STATES)[number] | undefined) =>
    outboxHref({ ...state, mails: { ...state.mails, state: value, cursor: undefined, dir: undefined } });
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every mail: to whom, what it said, and whether it went out. Links that carry a one-time token are hidden here."
      />
      <nav aria-label="Mail by state" className="mb-4 flex flex-wrap gap-3 text-sm">
        {[undefined, ...NOTIFICATION_STATES].map((value) => (
          <Link
            key={value ?? 'all'}
            href={byState(value)}
            aria-current={state.mails.state === value ? 'page' : undefined}
            className="capitalize underline-offset-4 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline"
          >
            {value ?? 'all'} ({(value ? counts[value] : total).toLocaleString('en')})
          </Link>
        ))}
      </nav>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OutboxToolbar
          search={state.mails}
          action="/admin/outbox"
          clearHref={outboxHref({ ...state, mails: {} })}
          keep={[...resetParams(state.resets)]}
        />
        <FilterRefusals messages={refusalSentences(mails.refused)} />
        <MailsClient state={state} />
        <h2 className="mt-8 mb-3 text-base font-semibold">Password-reset requests</h2>
        <ResetsToolbar
          search={state.resets}
          action="/admin/outbox"
          clearHref={outboxHref({ ...state, resets: {} })}
          keep={[...mailParams(state.mails)]}
        />
        <FilterRefusals messages={refusalSentences(resets.refused)} />
        <ResetsClient state={state} />
      </HydrationBoundary>
    </>
  );
}
