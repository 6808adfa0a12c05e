import { LOOKALIKE_FAMILIES } from '@/lib/lookalikes/families/names';
import type { LookalikeSearch } from '@/lib/lookalikes/search';
import { ListToolbar } from '../data-table/list-toolbar';
import { ChoiceFilter } from '../ui/filter-field';

const STATE_OPTIONS = [
  ['unregistered', 'Not registered'],
  ['mail', 'With MX (can send mail)'],
  ['malicious', 'Marked malicious'],
  ['benign', 'Marked benign'],
  ['all', 'All candidates'],
] as const;
const FAMILY_OPTIONS = LOOKALIKE_FAMILIES.map((f) => [f, f.replace('_', ' ')] as const);

/** The candidates list's filters: state (registered unless chosen), family, the watched name, order. */
export function CandidatesToolbar({
  search,
  action,
  names,
}: {
  search: LookalikeSearch;
  action: string;
  /** Every watched name, removed ones too: their candidates stay listed. */
  names: string[];
}) {
  return (
    <ListToolbar
      label="Filter look-alike candidates"
      id="lookalikes"
      action={action}
      clearHref={action}
      sort={search.sort}
    >
      <ChoiceFilter
        id="lookalikes-state"
        name="state"
        label="State"
        anyLabel="Registered"
        value={search.state === 'registered' ? undefined : search.state}
        options={STATE_OPTIONS}
      />
      <ChoiceFilter
        id="lookalikes-family"
        name="family"
        label="Family"
        anyLabel="Any family"
        value={search.family}
        options={FAMILY_OPTIONS}
      />
      <ChoiceFilter
        id="lookalikes-name"
        name="name"
        label="Imitating"
        anyLabel="Any watched name"
        value={search.name}
        options={names.map((n) => [n, n] as const)}
      />
    </ListToolbar>
  );
}
