'use client';

import { useQuery } from '@tanstack/react-query';
import { KeysetList, NoMatch } from '@/components/data-table/keyset-list';
import { OutboxTable } from '@/components/outbox/outbox-table';
import { mailsQuery, type OutboxPageState, outboxHref } from './outbox-query';

/** The mail list of the outbox page; its page links keep the reset requests where they are. */
export function MailsClient({ state }: { state: OutboxPageState }) {
  const { data, error, isFetching } = useQuery(mailsQuery(state.mails));
  return (
    <KeysetList
      what="mail"
      page={data}
      error={error}
      fetching={isFetching}
      empty={<NoMatch title="No mail matches these filters" />}
      href={(position) => outboxHref({ ...state, mails: { ...state.mails, ...position } })}
    >
      {(rows) => <OutboxTable rows={rows} />}
    </KeysetList>
  );
}
