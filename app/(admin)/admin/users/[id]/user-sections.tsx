import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/components/data-table/format';
import { StageBadge } from '@/components/domains/stage-badge';
import { FlagList, VerificationBadge } from '@/components/flags/flag-list';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { UserDetail } from '@/lib/users/detail-queries';
import { auditActionLabel } from '../../audit/action-labels';

function Section({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{empty ? <p className="text-sm">{empty}</p> : children}</CardContent>
    </Card>
  );
}

export function UserSections({ user }: { user: UserDetail }) {
  return (
    <>
      <Section title="Addresses" empty={user.addresses.length ? null : 'No address.'}>
        <Table aria-label="Addresses of this user">
          <THead>
            <tr>
              <TH>Address</TH>
              <TH>State</TH>
              <TH>Domain</TH>
              <TH>Recovery</TH>
            </tr>
          </THead>
          <TBody>
            {user.addresses.map((a) => (
              <TR key={a.id}>
                <TD className="font-mono text-xs">
                  {a.address} {a.isPrimary ? <Badge>primary</Badge> : null}
                </TD>
                <TD>
                  <VerificationBadge verified={a.verified} unverifyReason={a.unverifyReason} />
                  <div className="text-xs text-muted-foreground">
                    {a.verified ? `since ${formatDateTime(a.verifiedAt)}` : formatDateTime(a.unverifiedAt)}
                  </div>
                </TD>
                <TD>
                  {a.domainStage ? (
                    <div className="flex flex-col items-start gap-1">
                      <Link className="underline" href={`/admin/domains/${encodeURIComponent(a.domain)}`}>
                        {a.domain}
                      </Link>
                      <StageBadge stage={a.domainStage} />
                    </div>
                  ) : (
                    <span>
                      {a.domain}{' '}
                      <span className="text-xs text-muted-foreground">
                        {a.trusted ? '(trusted provider, not checked)' : '(not checked yet)'}
                      </span>
                    </span>
                  )}
                </TD>
                <TD>{a.useForRecovery ? 'used' : 'not used'}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Section>
      <div className="grid gap-6 xl:grid-cols-2">
        <Section title={`Flags (${user.flags.length})`} empty={user.flags.length ? null : 'No flag on this account.'}>
          <FlagList flags={user.flags} itemTestId="user-flag" />
        </Section>
        <Section title="Notifications sent" empty={user.notifications.length ? null : 'Nothing sent yet.'}>
          <ul className="flex flex-col gap-2 text-sm">
            {user.notifications.map((n) => (
              <li key={n.id} data-testid="user-notification">
                <strong>{n.kind.replace('_', ' ')}</strong> ·{' '}
                {n.channel === 'in_app' ? 'in the app' : `mail to ${n.address}`} ·{' '}
                <Badge tone={n.state === 'failed' ? 'bad' : n.state === 'sent' ? 'good' : 'neutral'}>{n.state}</Badge>{' '}
                <span className="text-muted-foreground">{formatDateTime(n.createdAt)}</span>
                {n.subject ? <div className="text-xs">{n.subject}</div> : null}
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <Section title="Audit entries" empty={user.audit.length ? null : 'No entry about this account.'}>
          <ul className="flex flex-col gap-2 text-sm">
            {user.audit.map((e) => (
              <li key={e.id}>
                <span className="text-muted-foreground">{formatDateTime(e.at)}</span> · <strong>{e.actorLabel}</strong>{' '}
                · {auditActionLabel(e.action)}{' '}
                <span className="font-mono text-xs">
                  ({e.targetType}:{e.targetId})
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Password-reset attempts" empty={user.resetAttempts.length ? null : 'No reset was asked for.'}>
          <ul className="flex flex-col gap-2 text-sm">
            {user.resetAttempts.map((r) => (
              <li key={r.id}>
                <span className="text-muted-foreground">{formatDateTime(r.at)}</span> · with{' '}
                <span className="font-mono text-xs">{r.input}</span> · {r.outcome.replaceAll('_', ' ')}
                {r.sentTo?.length ? ` (sent to ${r.sentTo.join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </>
  );
}
