import Form from 'next/form';
import Link from 'next/link';
import { Button, buttonVariants } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { AUDIT_ACTION_LABELS } from './action-labels';
import type { AuditSearch } from './search-params';

export function AuditFilters({ search }: { search: AuditSearch }) {
  const field = 'flex flex-col gap-1';
  return (
    <search aria-label="Filter the audit log" className="mb-4 rounded-lg border border-border bg-slate-50 p-3">
      <Form action="/admin/audit" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <div className={field}>
          <Label htmlFor="audit-actor">Actor</Label>
          <Input id="audit-actor" name="actor" defaultValue={search.actor} placeholder="staff, cli:ops, job:scan" />
        </div>
        <div className={field}>
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={search.action ?? ''}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((code) => [code, AUDIT_ACTION_LABELS[code]] as const)
              .sort((a, b) => a[1].localeCompare(b[1]))
              .map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
          </NativeSelect>
        </div>
        <div className={field}>
          <Label htmlFor="audit-target">Target</Label>
          <Input id="audit-target" name="target" defaultValue={search.target} placeholder="flag:12 or user:3" />
        </div>
        <div className={field}>
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" name="from" type="date" defaultValue={search.from} />
        </div>
        <div className={field}>
          <Label htmlFor="audit-to">Until</Label>
          <Input id="audit-to" name="to" type="date" defaultValue={search.to} />
        </div>
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
