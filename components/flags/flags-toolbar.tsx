import { Search } from 'lucide-react';
import Form from 'next/form';
import Link from 'next/link';
import { FLAG_STATES } from '@/db/schema/enums';
import { type FlagsSearch, MIN_SEARCH } from '@/lib/flags/search';
import { STAGE_OPTIONS } from '../domains/stage-badge';
import { Button, buttonVariants } from '../ui/button';
import { ChoiceFilter, FilterField } from '../ui/filter-field';
import { Input } from '../ui/input';
import { NativeSelect } from '../ui/native-select';
import { SECOND_FACTOR_OPTIONS } from '../users/second-factor-badge';
import { FLAG_STATE_META } from './flag-state-badge';

/**
 * Filters as a GET form: submitting navigates to the URL of the filtered list (client-side through
 * next/form), so every filter combination is a link and the back button undoes it.
 */
export function FlagsToolbar({ search, action }: { search: FlagsSearch; action: string }) {
  return (
    <search aria-label="Filter flags" className="mb-4 rounded-lg border border-border bg-slate-50 p-3">
      <Form action={action} className="grid grid-cols-2 gap-3 md:grid-cols-4 2xl:grid-cols-8">
        <FilterField id="flags-q" label="Search address or username" className="col-span-2">
          <Input
            id="flags-q"
            name="q"
            type="search"
            defaultValue={search.q}
            minLength={MIN_SEARCH}
            placeholder={`at least ${MIN_SEARCH} characters`}
          />
        </FilterField>
        <ChoiceFilter
          id="flags-state"
          name="state"
          label="State"
          anyLabel="Any state"
          value={search.state}
          options={FLAG_STATES.map((s) => [s, FLAG_STATE_META[s].label] as const)}
        />
        <ChoiceFilter
          id="flags-stage"
          name="stage"
          label="Stage at flag time"
          anyLabel="Any stage"
          value={search.stage}
          options={STAGE_OPTIONS}
        />
        <FilterField id="flags-domain" label="Domain">
          <Input id="flags-domain" name="domain" defaultValue={search.domain} placeholder="example.dev" />
        </FilterField>
        <FilterField id="flags-user" label="Username">
          <Input id="flags-user" name="user" defaultValue={search.user} />
        </FilterField>
        <ChoiceFilter
          id="flags-factor"
          name="factor"
          label="Account's second factor"
          anyLabel="Any"
          value={search.factor}
          options={SECOND_FACTOR_OPTIONS}
        />
        <FilterField id="flags-from" label="Opened from">
          <Input id="flags-from" name="from" type="date" defaultValue={search.from} />
        </FilterField>
        <FilterField id="flags-to" label="Opened until">
          <Input id="flags-to" name="to" type="date" defaultValue={search.to} />
        </FilterField>
        <FilterField id="flags-sort" label="Order">
          <NativeSelect id="flags-sort" name="sort" defaultValue={search.sort ?? 'newest'}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </NativeSelect>
        </FilterField>
        <div className="col-span-2 flex items-end justify-end gap-2 md:col-span-2 2xl:col-span-6">
          <Button type="submit">
            <Search aria-hidden="true" /> Apply filters
          </Button>
          <Link href={action} className={buttonVariants({ variant: 'outline' })}>
            Clear filters
          </Link>
        </div>
      </Form>
    </search>
  );
}
