import { formatRecent } from '../data-table/format';
import { Bell } from 'lucide-react';
import type { AccountOverview } from '@/lib/account/queries';
import { renderMail } from '@/lib/notify/templates';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { MarkReadButton } from './mark-read-button';
import type { MarkReadAction } from './types';

const when = (d: Date) => formatRecent(d);

/** In-app notices: the same words as the mail, the subject first (unread ones bold), the text on opening. */
export function NotificationList({
  inbox,
  markRead,
  appUrl,
}: {
  inbox: AccountOverview['inbox'];
  markRead: MarkReadAction;
  appUrl: string;
}) {
  const unread = inbox.filter((n) => !n.readAt).length;
  return (
    <Card className="mb-6" aria-labelledby="notifications-title">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle id="notifications-title" className="flex items-center gap-2">
          <Bell aria-hidden="true" className="size-4" /> Notifications {unread > 0 ? `(${unread} new)` : ''}
        </CardTitle>
        {unread > 0 ? <MarkReadButton action={markRead} /> : null}
      </CardHeader>
      <CardContent>
        {inbox.length === 0 ? (
          <EmptyState title="No notifications" />
        ) : (
          <ul className="divide-y divide-border" data-testid="notifications">
            {inbox.map((n) => {
              const mail = renderMail({ kind: n.kind, payload: n.payload, recipientName: null, appUrl, link: null });
              return (
                <li key={n.id} className="flex items-baseline justify-between gap-3 py-2 text-sm">
                  <details className="flex-1">
                    <summary className={n.readAt ? 'cursor-pointer text-slate-600' : 'cursor-pointer font-medium'}>
                      {mail.subject}
                    </summary>
                    {/* The mail's paragraphs without its greeting and signature. */}
                    <p className="mt-1 whitespace-pre-line text-slate-700">
                      {mail.text.trim().split('\n\n').slice(1, -1).join('\n\n')}
                    </p>
                  </details>
                  <time className="shrink-0 text-xs text-muted-foreground" dateTime={n.createdAt.toISOString()}>
                    {when(n.createdAt)} UTC
                  </time>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
