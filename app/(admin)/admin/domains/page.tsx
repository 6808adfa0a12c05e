import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { z } from 'zod';
import { FilterRefusals } from '@/components/data-table/filter-refusals';
import { formatDate, formatDateTime } from '@/components/data-table/format';
import { STAGE_OPTIONS, StageBadge } from '@/components/domains/stage-badge';
import { Button, buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ChoiceFilter, FilterField } from '@/components/ui/filter-field';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { pageContext } from '@/lib/auth/session';
import { listDomains } from '@/lib/domains/queries';
import { parseFilters, refusalSentences } from '@/lib/validation/refused-filters';
import { searchText } from '@/lib/validation/search-text';
import { STAGES } from '@/core/domains';

export const metadata: Metadata = { title: 'Domains' };

// A malformed stage or page is dropped; search text with control characters (a NUL byte fails the
// query) is refused: the list ignores it and says so next to the filters.
const paramsSchema = z.object({
  stage: z.enum(STAGES).optional().catch(undefined),
  q: searchText(100),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function DomainsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { db } = await pageContext('domains.read');
  const { search, refused } = parseFilters(paramsSchema, await searchParams);
  const { stage, q, page = 1 } = search;
  const { rows, hasMore } = await listDomains(db, { stage, q, page });
  const href = (p: number) => {
    const params = new URLSearchParams(
      Object.entries({ stage, q, page: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] =>
        Boolean(e[1]),
      ),
    );
    return `/admin/domains${params.size ? `?${params}` : ''}`;
  };
  return (
    <>
      <PageHeader
        title="Domains"
        description="Custom domains behind the registry's addresses, lapsing ones first. Open one for its lifecycle timeline."
      />
      <search aria-label="Filter domains" className="mb-4">
        <Form action="/admin/domains" className="flex flex-wrap items-end gap-3">
          <FilterField id="domains-q" label="Domain contains">
            <Input id="domains-q" name="q" type="search" defaultValue={q} className="w-64" />
          </FilterField>
          <ChoiceFilter
            id="domains-stage"
            name="stage"
            label="Stage"
            anyLabel="Any stage"
            value={stage}
            options={STAGE_OPTIONS}
            selectClassName="w-48"
          />
          <Button type="submit">Apply</Button>
          <Link href="/admin/domains" className={buttonVariants({ variant: 'outline' })}>
            Clear
          </Link>
        </Form>
      </search>
      <FilterRefusals messages={refusalSentences(refused)} />
      {rows.length === 0 ? (
        <EmptyState title="No domain matches" />
      ) : (
        <Table aria-label="Watched domains">
          <THead>
            <tr>
              <TH>Domain</TH>
              <TH>Stage</TH>
              <TH>Expires</TH>
              <TH>Registrar</TH>
              <TH>Addresses</TH>
              <TH>Live flags</TH>
              <TH>Last checked</TH>
              <TH>Next check</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((d) => (
              <TR key={d.name}>
                <TD className="font-mono text-xs">
                  <Link className="underline" href={`/admin/domains/${encodeURIComponent(d.name)}`}>
                    {d.name}
                  </Link>
                </TD>
                <TD>
                  <StageBadge stage={d.stage} />
                </TD>
                <TD>{formatDate(d.expiresAt)}</TD>
                <TD>{d.registrar ?? '—'}</TD>
                <TD className="tabular-nums">{d.addresses}</TD>
                <TD className="tabular-nums">{d.liveFlags}</TD>
                <TD>{formatDateTime(d.lastCheckedAt)}</TD>
                <TD>{formatDateTime(d.nextCheckAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <nav aria-label="Domain pages" className="mt-4 flex justify-end gap-2">
        {page > 1 ? (
          <Link className={buttonVariants({ variant: 'outline', size: 'sm' })} href={href(page - 1)}>
            Previous page
          </Link>
        ) : null}
        {hasMore ? (
          <Link className={buttonVariants({ variant: 'outline', size: 'sm' })} href={href(page + 1)}>
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}
