import { Search } from 'lucide-react';
import Form from 'next/form';
import Link from 'next/link';
import { FLAG_STATES } from '@/db/schema/enums';
import { STAGES } from '@/core/domains';
import { type FlagsSearch, MIN_SEARCH } from '@/lib/flags/search';
import { STAGE_META } from '../domains/stage-badge';
import { Button, buttonVariants } from '../ui/button';
import { Input, Label } from '../ui/input';
import { NativeSelect } from '../ui/native-select';
import { FLAG_STATE_META } from './flag-state-badge';

/**
 * Filters as a GET form: submitting navigates to the URL of the filtered list (client-side through
 * next/form), so every filter combination is a link and the back button undoes it.
 */
export function FlagsToolbar({ search, action }: { search: FlagsSearch; action: string }) {
  const field = 'flex flex-col gap-1';
  return (
    <search aria-label="Filter flags" className="mb-4 rounded-lg border border-border bg-slate-50 p-3">
      <Form action={action} className="grid grid-cols-2 gap-3 md:grid-cols-4 2xl:grid-cols-8">
        <div className={`${field} col-span-2`}>
          <Label htmlFor="flags-q">Search address or username</Label>
          <Input
            id="flags-q"
            name="q"
            type="search"
            defaultValue={search.q}
            minLength={MIN_SEARCH}
            placeholder={`at least ${MIN_SEARCH} characters`}
          />
        </div>
        <div className={field}>
          <Label htmlFor="flags-state">State</Label>
          <NativeSelect id="flags-state" name="state" defaultValue={search.state ?? ''}>
            <option value="">Any state</option>
            {FLAG_STATES.map((s) => (
              <option key={s} value={s}>
                {FLAG_STATE_META[s].label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className={field}>
          <Label htmlFor="flags-stage">Stage at flag time</Label>
          <NativeSelect id="flags-stage" name="stage" defaultValue={search.stage ?? ''}>
            <option value="">Any stage</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_META[s].label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className={field}>
          <Label htmlFor="flags-domain">Domain</Label>
          <Input id="flags-domain" name="domain" defaultValue={search.domain} placeholder="example.dev" />
        </div>
        <div className={field}>
          <Label htmlFor="flags-user">Username</Label>
          <Input id="flags-user" name="user" defaultValue={search.user} />
        </div>
        <div className={field}>
          <Label htmlFor="flags-from">Opened from</Label>
          <Input id="flags-from" name="from" type="date" defaultValue={search.from} />
        </div>
        <div className={field}>
          <Label htmlFor="flags-to">Opened until</Label>
          <Input id="flags-to" name="to" type="date" defaultValue={search.to} />
        </div>
        <div className={field}>
          <Label htmlFor="flags-sort">Order</Label>
          <NativeSelect id="flags-sort" name="sort" defaultValue={search.sort ?? 'newest'}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </NativeSelect>
        </div>
        <div className="col-span-2 flex items-end justify-end gap-2 md:col-span-3 2xl:col-span-7">
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
