'use client';

import { useQuery } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { useAction } from '@/components/actions/use-action';
import { SecondFactorBadge } from '@/components/users/second-factor-badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { describeNotify } from '@/lib/flags/describe';
import { Rescan } from '../../_components/rescan';
import { flagsKeys } from '../../flags/flags-query';
import { rescanUserAction } from '../../scans/actions';
import { notifyUserAction } from '../actions';
import { userKeys, userQuery } from './user-query';
import { UserSections } from './user-sections';

export function UserClient({ id, can }: { id: number; can: { notify: boolean; rescan: boolean } }) {
  const { data, error } = useQuery(userQuery(id));
  const notify = useAction(notifyUserAction, {
    invalidate: [userKeys.detail(id), flagsKeys.all],
    success: describeNotify,
  });
  if (error) return <Notice tone="error">Could not load this user: {error.message}</Notice>;
  if (!data) return <p>Loading…</p>;
  const liveFlags = data.flags.filter((f) => f.state !== 'resolved').length;
  const watched = data.addresses.filter((a) => a.domainStage !== null).length;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-wrap items-start justify-between gap-4 pt-4">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-4">
            <div>
              <dt className="text-muted-foreground">Role</dt>
              <dd className="font-medium">{data.role}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Two-factor authentication</dt>
              <dd>
                <div className="flex flex-col items-start gap-1">
                  <SecondFactorBadge totpEnabled={data.totpEnabled} passkeys={data.passkeys.length} />
                  <span className="text-xs text-muted-foreground">
                    {[
                      data.passkeys.length > 0
                        ? `${data.passkeys.length} passkey${data.passkeys.length === 1 ? '' : 's'} (phishing-resistant)`
                        : null,
                      data.totpEnabled ? 'authenticator app' : null,
                      data.totpEnabled || data.passkeys.length > 0 ? `${data.recoveryCodes} recovery codes left` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ') || 'a reset link alone takes this account'}
                  </span>
                </div>
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Verified addresses</dt>
              <dd className="font-medium">
                {data.addresses.filter((a) => a.verified).length} of {data.addresses.length}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Live flags</dt>
              <dd className="font-medium">{liveFlags}</dd>
            </div>
          </dl>
          <div className="flex flex-col items-start gap-3">
            {can.notify ? (
              <div className="flex flex-col items-start gap-2">
                <Button
                  variant="outline"
                  onClick={() => void notify.run({ userId: id })}
                  disabled={notify.pending || liveFlags === 0}
                >
                  <Bell aria-hidden="true" /> {notify.pending ? 'Notifying…' : 'Notify about their flags'}
                </Button>
                {liveFlags === 0 ? (
                  <p className="text-xs text-muted-foreground">No live flag to tell them about.</p>
                ) : null}
                {notify.message ? <Notice tone={notify.message.tone}>{notify.message.text}</Notice> : null}
              </div>
            ) : null}
            {can.rescan && watched > 0 ? (
              <Rescan
                label="Rescan this user's domains"
                start={() => rescanUserAction({ username: data.username })}
                invalidate={[userKeys.detail(id)]}
              />
            ) : null}
          </div>
        </CardContent>
      </Card>
      <UserSections user={data} />
    </div>
  );
}
