import Link from 'next/link';
import type { UserRow } from '@/lib/users/queries';
import { formatDate } from '../data-table/format';
import { SecondFactorBadge } from './second-factor-badge';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';

/** Registry accounts, one row each, linking to the user's page. */
export function UsersTable({ rows }: { rows: UserRow[] }) {
  return (
    <Table aria-label="Users">
      <THead>
        <tr>
          <TH>Username</TH>
          <TH>Name</TH>
          <TH>Role</TH>
          <TH>2FA</TH>
          <TH>Addresses</TH>
          <TH>Unverified</TH>
          <TH>Created (UTC)</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((u) => (
          <TR key={u.id} data-testid="user-row" data-username={u.username}>
            <TD className="font-mono text-xs">
              <Link className="underline" href={`/admin/users/${u.id}`}>
                {u.username}
              </Link>
            </TD>
            <TD>{u.name}</TD>
            <TD>{u.role}</TD>
            <TD>
              <SecondFactorBadge totpEnabled={u.totpEnabled} passkeys={u.passkeys} />
            </TD>
            <TD className="tabular-nums">{u.addresses}</TD>
            <TD className="tabular-nums">{u.unverified}</TD>
            <TD className="whitespace-nowrap tabular-nums">{formatDate(u.createdAt)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
