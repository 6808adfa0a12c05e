import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '@/db/schema/enums';
import type { OutboxSearch } from '@/lib/notify/outbox-search';
import { ListToolbar } from '../data-table/list-toolbar';
import { ChoiceFilter } from '../ui/filter-field';
import { KIND_LABELS } from './outbox-table';

/** The mail list's filters: recipient, kind, state, days queued, order. `keep`: the other list's state. */
export function OutboxToolbar({
  search,
  action,
  clearHref,
  keep,
}: {
  search: OutboxSearch;
  action: string;
  clearHref: string;
  keep: [string, string][];
}) {
  return (
    <ListToolbar
      label="Filter mail"
      id="outbox"
      action={action}
      clearHref={clearHref}
      keep={keep}
      search={{ label: 'Recipient address', value: search.q }}
      days={{ label: 'Queued', from: search.from, to: search.to }}
      sort={search.sort}
    >
      <ChoiceFilter
        id="outbox-kind"
        name="kind"
        label="Kind"
        anyLabel="Any kind"
        value={search.kind}
        options={NOTIFICATION_KINDS.map((k) => [k, KIND_LABELS[k]] as const)}
      />
      <ChoiceFilter
        id="outbox-state"
        name="state"
        label="State"
        anyLabel="Any state"
        value={search.state}
        options={NOTIFICATION_STATES.map((s) => [s, s] as const)}
      />
    </ListToolbar>
  );
}
