'use client';

import { useQuery } from '@tanstack/react-query';
import { KeysetList, NoMatch } from '@/components/data-table/keyset-list';
import { ResetAttemptsTable } from '@/components/outbox/reset-attempts-table';
import { type OutboxPageState, outboxHref, resetsQuery } from './outbox-query';

/** The password-reset requests of the outbox page; its page links keep the mail list where it is. */
export function ResetsClient({ state }: { state: OutboxPageState }) {
  const { data, error, isFetching } = useQuery(resetsQuery(state.resets));
  return (
    <KeysetList
      what="password-reset requests"
      page={data}
      error={error}
      fetching={isFetching}
      empty={<NoMatch title="No password-reset request matches these filters" />}
      href={(position) => outboxHref({ ...state, resets: { ...state.resets, ...position } })}
    >
      {(rows) => <ResetAttemptsTable attempts={rows} />}
    </KeysetList>
  );
}
