import Link from 'next/link';
import type { DomainDetail } from '@/lib/domains/timeline-queries';
import { formatDateTime } from '../data-table/format';
import { FlagList, VerificationBadge } from '../flags/flag-list';
import { ScanStateBadge } from '../scans/scan-state-badge';
import { SecondFactorBadge } from '../users/second-factor-badge';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { Table, TBody, TD, TH, THead, TR } from '../ui/table';

/** Who is exposed on this domain (addresses and their users), its flags and the scans that looked at it. */
export function DomainPeople({ detail }: { detail: DomainDetail }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>
            Addresses and users ({detail.addressCount.toLocaleString('en')}
            {detail.addressCount > detail.addresses.length ? `, first ${detail.addresses.length} shown` : ''})
          </CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Addresses on this domain">
            <THead>
              <tr>
                <TH>Address</TH>
                <TH>User</TH>
                <TH>State</TH>
                <TH>2FA</TH>
              </tr>
            </THead>
            <TBody>
              {detail.addresses.map((a) => (
                <TR key={a.id}>
                  <TD className="font-mono text-xs">{a.address}</TD>
                  <TD>
                    <Link className="underline" href={`/admin/users/${a.userId}`}>
                      {a.username}
                    </Link>
                  </TD>
                  <TD>
                    <VerificationBadge verified={a.verified} unverifyReason={a.unverifyReason} />
                  </TD>
                  <TD>
                    <SecondFactorBadge totpEnabled={a.totpEnabled} passkeys={a.passkeys} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Latest flags</CardTitle>
            <Link className="text-sm underline" href={`/admin/flags?domain=${encodeURIComponent(detail.name)}`}>
              All flags on {detail.name}
            </Link>
          </CardHeader>
          <CardContent>
            {detail.flags.length === 0 ? (
              <p className="text-sm">No flag on this domain.</p>
            ) : (
              <FlagList flags={detail.flags} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Latest scans of this domain</CardTitle>
          </CardHeader>
          <CardContent>
            {detail.scans.length === 0 ? (
              <p className="text-sm">No scan has looked at this domain yet.</p>
            ) : (
              <ul className="flex flex-col gap-2 text-sm">
                {detail.scans.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center gap-2">
                    <Link className="underline" href={`/admin/scans/${s.id}`}>
                      Scan #{s.id}
                    </Link>
                    <span>{s.kind}</span>
                    <ScanStateBadge state={s.state} />
                    <span className="text-muted-foreground">{formatDateTime(s.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
