import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { pruneSignInEvents } from '@/lib/auth/sign-in-events';
import { hitRateLimit } from './hit';

// Housekeeping for tables that grow with traffic rather than with accounts: a stranger spraying
// the login or reset form adds a row per address or input typed, and nothing else ever deletes them.

/** The longest fixed window any caller of hitRateLimit uses is an hour; a day leaves a wide margin. */
const RATE_LIMIT_KEEP_SECONDS = 24 * 60 * 60;
/** login_throttles forget a key after a quiet day (LOGIN_THROTTLE.forgetAfterSeconds). */
const THROTTLE_KEEP_SECONDS = 24 * 60 * 60;
/** What the pages show regardless of age: the staff user page (20 per account), /admin/outbox (50). */
export const RESET_ATTEMPTS_ALWAYS_KEPT = { perUser: 20, overall: 50 } as const;

export interface PruneResult {
  rateLimits: number;
  loginThrottles: number;
  resetAttempts: number;
  /** Sign-in records past their retention (lib/auth/sign-in-events.ts). */
  signInEvents: number;
  /** WebAuthn challenges past their expiry, never answered (lib/passkeys/challenges.ts). */
  webauthnChallenges: number;
}

export async function pruneRecords(
  db: Db,
  options: { now: Date; resetAttemptRetentionDays: number },
): Promise<PruneResult> {
  const at = sql`${options.now.toISOString()}::timestamptz`;
  const rateLimits = await db.execute(sql`
    delete from rate_limits where window_start < ${at} - make_interval(secs => ${RATE_LIMIT_KEEP_SECONDS}) returning key`);
  const loginThrottles = await db.execute(sql`
    delete from login_throttles
    where last_failure_at < ${at} - make_interval(secs => ${THROTTLE_KEEP_SECONDS})
      and (blocked_until is null or blocked_until < ${at})
    returning key`);
  // Older than the retention, unless it is among the newest the account page, the staff user page
  // or the outbox page show.
  const resetAttempts = await db.execute(sql`
    delete from reset_attempts where id in (
      select id from (
        select id, at, user_id,
               row_number() over (partition by user_id order by at desc, id desc) as nth_of_user,
               row_number() over (order by at desc, id desc) as nth
        from reset_attempts) ranked
      where at < ${at} - make_interval(days => ${options.resetAttemptRetentionDays})
        and nth > ${RESET_ATTEMPTS_ALWAYS_KEPT.overall}
        and (user_id is null or nth_of_user > ${RESET_ATTEMPTS_ALWAYS_KEPT.perUser}))
    returning id`);
  const signInEvents = await pruneSignInEvents(db, options.now);
  const webauthnChallenges = await db.execute(sql`
    delete from webauthn_challenges where expires_at < ${at} returning challenge`);
  return {
    rateLimits: rateLimits.length,
    loginThrottles: loginThrottles.length,
    resetAttempts: resetAttempts.length,
    signInEvents,
    webauthnChallenges: webauthnChallenges.length,
  };
}

/**
 * Prunes at most once an hour across every worker: the gate is itself a rate limit of one per hour,
 * so of all the workers' ticks in that hour exactly one gets through.
 */
export async function pruneIfDue(
  db: Db,
  options: { now: Date; resetAttemptRetentionDays: number },
): Promise<PruneResult | null> {
  const gate = await hitRateLimit(db, 'maintenance:prune', 1, 60 * 60, options.now);
  if (!gate.allowed) return null;
  return pruneRecords(db, options);
}
