import Form from 'next/form';
import Link from 'next/link';
import { Button, buttonVariants } from '@/components/ui/button';
import { ChoiceFilter, FilterField } from '@/components/ui/filter-field';
import { Input } from '@/components/ui/input';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { AUDIT_ACTION_LABELS } from './action-labels';
import type { AuditSearch } from './search-params';

export function AuditFilters({ search }: { search: AuditSearch }) {
  return (
    <search aria-label="Filter the audit log" className="mb-4 rounded-lg border border-border bg-slate-50 p-3">
      <Form action="/admin/audit" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <FilterField id="audit-actor" label="Actor">
          <Input id="audit-actor" name="actor" defaultValue={search.actor} placeholder="staff, cli:ops, job:scan" />
        </FilterField>
        <ChoiceFilter
          id="audit-action"
          name="action"
          label="Action"
          anyLabel="Any action"
          value={search.action}
          options={AUDIT_ACTIONS.map((code) => [code, AUDIT_ACTION_LABELS[code]] as const).sort((a, b) =>
            a[1].localeCompare(b[1]),
          )}
        />
        <FilterField id="audit-target" label="Target">
          <Input id="audit-target" name="target" defaultValue={search.target} placeholder="flag:12 or user:3" />
        </FilterField>
        <FilterField id="audit-from" label="From">
          <Input id="audit-from" name="from" type="date" defaultValue={search.from} />
        </FilterField>
        <FilterField id="audit-to" label="Until">
          <Input id="audit-to" name="to" type="date" defaultValue={search.to} />
        </FilterField>
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          <Link href="/admin/audit" className={buttonVariants({ variant: 'outline' })}>
            Clear
          </Link>
        </div>
      </Form>
    </search>
  );
}
