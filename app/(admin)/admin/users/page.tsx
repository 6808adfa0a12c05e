import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { pageContext } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Users' };

const paramsSchema = z.object({ q: z.string().max(100).optional().catch(undefined) });

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { db } = await pageContext('users.read');
  const { q } = paramsSchema.parse(await searchParams);
  const rows = await listUsers(db, { search: q });
  return (
    <>
      <PageHeader title="Users" description="Registry accounts and the state of their addresses." />
      <search className="mb-4">
        <form className="flex max-w-md gap-2">
          <label htmlFor="user-search" className="sr-only">
            Search users
          </label>
          <Input id="user-search" name="q" defaultValue={q} placeholder="Username or name" />
          <Button type="submit" variant="outline">
            Search
          </Button>
        </form>
      </search>
      {rows.length === 0 ? (
        <EmptyState title="No users match" />
      ) : (
        <Table aria-label="Users">
          <THead>
            <tr>
              <TH>Username</TH>
              <TH>Name</TH>
              <TH>Role</TH>
              <TH>2FA</TH>
              <TH>Addresses</TH>
              <TH>Unverified</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((u) => (
              <TR key={u.id}>
                <TD className="font-mono text-xs">
                  <Link className="underline" href={`/admin/users/${u.id}`}>
                    {u.username}
                  </Link>
                </TD>
                <TD>{u.name}</TD>
                <TD>{u.role}</TD>
                <TD>{u.totpEnabled ? <Badge tone="good">on</Badge> : <Badge>off</Badge>}</TD>
                <TD className="tabular-nums">{u.addresses}</TD>
                <TD className="tabular-nums">{u.unverified}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
