import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { CandidatesTable } from '@/components/lookalikes/candidates-table';
import { Button, buttonVariants } from '@/components/ui/button';
import { ChoiceFilter } from '@/components/ui/filter-field';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { pageContext } from '@/lib/auth/session';
import { LOOKALIKE_FAMILIES } from '@/lib/lookalikes/generate';
import { listCandidates, listWatchedNames } from '@/lib/lookalikes/queries';
import { lookalikeSearchSchema } from '@/lib/lookalikes/schemas';
import { parseFilters, refusalSentences } from '@/lib/validation/refused-filters';

export const metadata: Metadata = { title: 'Look-alike domains' };

const STATE_OPTIONS = [
  ['unregistered', 'Not registered'],
  ['mail', 'With MX (can send mail)'],
  ['malicious', 'Marked malicious'],
  ['benign', 'Marked benign'],
  ['all', 'All candidates'],
] as const;
const FAMILY_OPTIONS = LOOKALIKE_FAMILIES.map((f) => [f, f.replace('_', ' ')] as const);

export default async function LookalikesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { actor, db } = await pageContext('domains.read');
  const { search, refused } = parseFilters(lookalikeSearchSchema, await searchParams);
  const [names, list] = await Promise.all([listWatchedNames(db), listCandidates(db, search)]);
  const href = (page: number) => {
    const params = new URLSearchParams(
      Object.entries({ ...search, page: page > 1 ? String(page) : undefined }).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      ),
    );
    return `/admin/lookalikes${params.size ? `?${params}` : ''}`;
  };
  const watched = names.filter((n) => !n.removedAt);
  return (
    <>
      <PageHeader
        title="Look-alike domains"
        description={
          <>
            Domains that imitate {watched.length ? watched.map((n) => n.name).join(', ') : 'no watched name yet'},
            registered ones newest first. A new registration, MX or web address alerts staff.{' '}
            {can(actor.role, 'settings.manage') ? (
              <Link className="underline" href="/admin/settings/lookalikes">
                Watched names
              </Link>
            ) : null}
          </>
        }
      />
      <p className="mb-4 text-sm">
        Marked malicious, for takedown requests and mail filters:{' '}
        <a className="underline" href="/api/admin/lookalikes/export?format=csv" download>
          CSV
        </a>{' '}
        ·{' '}
        <a className="underline" href="/api/admin/lookalikes/export?format=txt" download>
          plain list
        </a>
      </p>
      <search aria-label="Filter look-alike candidates" className="mb-4">
        <Form action="/admin/lookalikes" className="flex flex-wrap items-end gap-3">
          <ChoiceFilter
            id="lookalikes-state"
            name="state"
            label="State"
            anyLabel="Registered"
            value={search.state === 'registered' ? undefined : search.state}
            options={STATE_OPTIONS}
            selectClassName="w-56"
          />
          <ChoiceFilter
            id="lookalikes-family"
            name="family"
            label="Family"
            anyLabel="Any family"
            value={search.family}
            options={FAMILY_OPTIONS}
            selectClassName="w-44"
          />
          <ChoiceFilter
            id="lookalikes-name"
            name="name"
            label="Imitating"
            anyLabel="Any watched name"
            value={search.name}
            options={names.map((n) => [n.name, n.name] as const)}
            selectClassName="w-48"
          />
          <Button type="submit">Apply</Button>
          <Link href="/admin/lookalikes" className={buttonVariants({ variant: 'outline' })}>
            Clear
          </Link>
        </Form>
      </search>
      <FilterRefusals messages={refusalSentences(refused)} />
      <CandidatesTable rows={list.rows} />
      <nav aria-label="Candidate pages" className="mt-4 flex justify-end gap-2">
        {list.page > 1 ? (
          <Link className={buttonVariants({ variant: 'outline', size: 'sm' })} href={href(list.page - 1)}>
            Previous page
          </Link>
        ) : null}
        {list.hasMore ? (
          <Link className={buttonVariants({ variant: 'outline', size: 'sm' })} href={href(list.page + 1)}>
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}
