import { ROLES } from '@/db/schema/enums';
import type { UsersSearch } from '@/lib/users/search';
import { ListToolbar } from '../data-table/list-toolbar';
import { ChoiceFilter } from '../ui/filter-field';

/** The users list's filters: search, role, two-factor authentication, creation days, order. */
export function UsersToolbar({ search, action }: { search: UsersSearch; action: string }) {
  return (
    <ListToolbar
      label="Filter users"
      id="users"
      action={action}
      clearHref={action}
      search={{ label: 'Search username, name or address', value: search.q }}
      days={{ label: 'Created', from: search.from, to: search.to }}
      sort={search.sort}
    >
      <ChoiceFilter
        id="users-role"
        name="role"
        label="Role"
        anyLabel="Any role"
        value={search.role}
        options={ROLES.map((r) => [r, r] as const)}
      />
      <ChoiceFilter
        id="users-twofa"
        name="twofa"
        label="Two-factor authentication"
        anyLabel="Any"
        value={search.twofa}
        options={[
          ['on', 'On (app or passkey)'],
          ['passkey', 'Passkey (phishing-resistant)'],
          ['off', 'Off'],
        ]}
      />
    </ListToolbar>
  );
}
