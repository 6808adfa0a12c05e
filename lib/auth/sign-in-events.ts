import { desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/connect';
import { signInEvents } from '@/db/schema';
import type { AuditAction } from '@/lib/audit/actions';

// What happened at each sign-in attempt, for the owner (/account, their own rows only), staff (the
// user's page) and the audit log. Never the password. A name that matched no account is kept with
// no user id: staff may see it was tried, nobody can ever see it as an account's.

export const SIGN_IN_OUTCOMES = [
  'signed_in',
  'wrong_password',
  'unknown_user',
  'wrong_code',
  'ticket_refused',
  'passkey_refused',
  'passkey_cloned',
  'throttled',
  'rate_limited',
] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/** How many of an account's newest rows the pages show, and pruning always keeps. */
export const SIGN_IN_EVENTS_SHOWN = 20;
/** Older rows go (except the newest SIGN_IN_EVENTS_SHOWN of each account). */
export const SIGN_IN_EVENT_RETENTION_DAYS = 90;

// Failures of an existing account go to the audit log too. Refusals for too many attempts are
// written once per run (not again while the previous attempt was refused the same way), so a
// stranger hammering a blocked account cannot grow the append-only log faster than the delays allow.
const AUDITED: Partial<Record<SignInOutcome, { action: AuditAction; oncePerRun: boolean }>> = {
  wrong_password: { action: 'auth.login_failed', oncePerRun: false },
  wrong_code: { action: 'auth.login_failed', oncePerRun: false },
  ticket_refused: { action: 'auth.login_failed', oncePerRun: false },
  passkey_refused: { action: 'auth.login_failed', oncePerRun: false },
  passkey_cloned: { action: 'passkey.counter_regression', oncePerRun: false },
  throttled: { action: 'auth.login_throttled', oncePerRun: true },
  rate_limited: { action: 'auth.login_throttled', oncePerRun: true },
};

export interface SignInRecord {
  /** The username as typed, normalised (the account is looked up by it). */
  username: string;
  outcome: SignInOutcome;
  ip: string;
  knownDevice: boolean;
  now: Date;
}

/**
 * One statement whatever the name or outcome (the account lookup, the row, the audit entry if any),
 * so recording does the same work for an unknown user as for a wrong password.
 */
export async function recordSignInEvent(db: DbOrTx, record: SignInRecord): Promise<void> {
  const audited = AUDITED[record.outcome];
  const at = sql`${record.now.toISOString()}::timestamptz`;
  const details = JSON.stringify({
    reason: record.outcome,
    username: record.username,
    ip: record.ip,
    knownDevice: record.knownDevice,
  });
  await db.execute(sql`
    with event as (
      insert into sign_in_events (username, user_id, outcome, client_ip, known_device, at)
      values (${record.username}, (select id from users where username = ${record.username}), ${record.outcome},
              ${record.ip}, ${record.knownDevice}, ${at})
      returning id, user_id)
    insert into audit_log (actor_type, actor_id, actor_label, action, target_type, target_id, details, at)
    select 'anonymous', null, 'anonymous', ${audited?.action ?? ''}::text, 'user', event.user_id::text,
           ${details}::jsonb, ${at}
    from event
    where ${Boolean(audited)}::boolean and event.user_id is not null
      and (not ${audited?.oncePerRun ?? false}::boolean or coalesce((
        select previous.outcome from sign_in_events previous
        where previous.user_id = event.user_id and previous.id <> event.id
        order by previous.at desc, previous.id desc limit 1), '') <> ${record.outcome}::text)`);
}

export interface SignInActivity {
  id: number;
  outcome: SignInOutcome;
  clientIp: string | null;
  knownDevice: boolean;
  /** ISO string: the same on the server render and after a client refetch. */
  at: string;
}

/** One account's newest sign-in attempts, successes and failures. Only ever by user id. */
export async function listSignInActivity(
  db: DbOrTx,
  userId: number,
  limit = SIGN_IN_EVENTS_SHOWN,
): Promise<SignInActivity[]> {
  const rows = await db
    .select()
    .from(signInEvents)
    .where(eq(signInEvents.userId, userId))
    .orderBy(desc(signInEvents.at), desc(signInEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome as SignInOutcome,
    clientIp: r.clientIp,
    knownDevice: r.knownDevice,
    at: r.at.toISOString(),
  }));
}

/** Deletes rows past the retention, except each account's newest that the pages show. */
export async function pruneSignInEvents(db: Db, now: Date): Promise<number> {
  const deleted = await db.execute(sql`
    delete from sign_in_events where id in (
      select id from (
        select id, at, user_id,
               row_number() over (partition by user_id order by at desc, id desc) as nth_of_user
        from sign_in_events) ranked
      where at < ${now.toISOString()}::timestamptz - make_interval(days => ${SIGN_IN_EVENT_RETENTION_DAYS})
        and (user_id is null or nth_of_user > ${SIGN_IN_EVENTS_SHOWN}))
    returning id`);
  return deleted.length;
}
