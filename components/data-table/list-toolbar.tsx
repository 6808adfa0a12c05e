import { Search } from 'lucide-react';
import Form from 'next/form';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { MIN_SEARCH } from '@/lib/pagination/search-params';
import { Button, buttonVariants } from '../ui/button';
import { FilterField } from '../ui/filter-field';
import { Input } from '../ui/input';
import { NativeSelect } from '../ui/native-select';

/**
 * A list's filters as a GET form: submitting navigates to the URL of the filtered list (client-side
 * through next/form), so every combination is a link and the back button undoes it. The search box,
 * the day range and the order are the same on every list that has them (a list without a text to
 * search or days to pick leaves `search` or `days` out); `children` are the list's own choices.
 * `prefix` names the fields of a second list on the same page (`reset_q` …); `keep` carries the other
 * list's state along as hidden fields, so filtering one list does not reset the other.
 */
export function ListToolbar({
  label,
  id,
  prefix = '',
  action,
  clearHref,
  keep = [],
  search,
  days,
  sort,
  children,
}: {
  label: string;
  id: string;
  prefix?: string;
  action: string;
  clearHref: string;
  keep?: [string, string][];
  search?: { label: string; value?: string; placeholder?: string };
  /** What the dates are ("Queued", "Asked", "Created") and the current range. */
  days?: { label: string; from?: string; to?: string };
  sort?: 'newest' | 'oldest';
  children?: ReactNode;
}) {
  const field = (name: string) => ({ id: `${id}-${name}`, name: `${prefix}${name}` });
  return (
    <search aria-label={label} className="mb-4 rounded-lg border border-border bg-slate-50 p-3">
      <Form action={action} className="grid grid-cols-2 gap-3 md:grid-cols-4 2xl:grid-cols-8">
        {keep.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {search ? (
          <FilterField id={field('q').id} label={search.label} className="col-span-2">
            <Input
              {...field('q')}
              type="search"
              defaultValue={search.value}
              minLength={MIN_SEARCH}
              placeholder={search.placeholder ?? `at least ${MIN_SEARCH} characters`}
            />
          </FilterField>
        ) : null}
        {children}
        {days ? (
          <>
            <FilterField id={field('from').id} label={`${days.label} from`}>
              <Input {...field('from')} type="date" defaultValue={days.from} />
            </FilterField>
            <FilterField id={field('to').id} label={`${days.label} until`}>
              <Input {...field('to')} type="date" defaultValue={days.to} />
            </FilterField>
          </>
        ) : null}
        <FilterField id={field('sort').id} label="Order">
          <NativeSelect {...field('sort')} defaultValue={sort ?? 'newest'}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </NativeSelect>
        </FilterField>
        <div className="col-span-2 flex items-end justify-end gap-2 md:col-span-4 2xl:col-span-8">
          <Button type="submit">
            <Search aria-hidden="true" /> Apply filters
          </Button>
          <Link href={clearHref} className={buttonVariants({ variant: 'outline' })}>
            Clear filters
          </Link>
        </div>
      </Form>
    </search>
  );
}
