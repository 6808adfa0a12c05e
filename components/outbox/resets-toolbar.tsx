import { RESET_OUTCOME_WORDS } from '@/components/account/reset-activity';
import { RESET_OUTCOMES } from '@/lib/reset/schemas';
import { RESET_PARAM_PREFIX, type ResetSearch } from '@/lib/reset/search';
import { ListToolbar } from '../data-table/list-toolbar';
import { ChoiceFilter } from '../ui/filter-field';

/** The reset requests' filters: what was asked for, outcome, days, order. `keep`: the mail list's state. */
export function ResetsToolbar({
  search,
  action,
  clearHref,
  keep,
}: {
  search: ResetSearch;
  action: string;
  clearHref: string;
  keep: [string, string][];
}) {
  return (
    <ListToolbar
      label="Filter password-reset requests"
      id="resets"
      prefix={RESET_PARAM_PREFIX}
      action={action}
      clearHref={clearHref}
      keep={keep}
      search={{ label: 'Address or username asked for', value: search.q }}
      days={{ label: 'Asked', from: search.from, to: search.to }}
      sort={search.sort}
    >
      <ChoiceFilter
        id="resets-outcome"
        name={`${RESET_PARAM_PREFIX}outcome`}
        label="Outcome"
        anyLabel="Any outcome"
        value={search.outcome}
        options={RESET_OUTCOMES.map((o) => [o, `${o}: ${RESET_OUTCOME_WORDS[o]}`] as const)}
        selectClassName="max-w-full"
      />
    </ListToolbar>
  );
}
