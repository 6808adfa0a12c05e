import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';

// Growing delays after repeated failures (login_throttles), in PostgreSQL so every web process
// shares them. Unlike a fixed window, which a patient attacker simply waits out at full speed, each
// failure past `delayAfter` doubles the wait, up to `maxDelaySeconds`.

export interface BackoffPolicy {
  /** The failure that starts the delays: after it 1 s, after the next 2 s, then 4 s … */
  delayAfter: number;
  maxDelaySeconds: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterSeconds: number;
}

export type BackoffClaim = { allowed: true; failures: number } | { allowed: false; retryAfterSeconds: number };

/** Seconds to wait after the n-th consecutive failure (0 before `delayAfter`). */
export function backoffDelaySeconds(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.delayAfter) return 0;
  return Math.min(policy.maxDelaySeconds, 2 ** Math.min(failures - policy.delayAfter, 30));
}

/**
 * Lets one attempt through unless `key` is blocked, and counts it as a failure right away (a
 * success clears the key with clearFailures). Counting before the check, in the same statement that
 * tests the block, is what holds under parallel attempts: a burst of a hundred guesses meets the
 * row lock one at a time, and all but the first few find the key blocked.
 */
export async function claimAttempt(
  db: DbOrTx,
  key: string,
  policy: BackoffPolicy,
  now: Date = new Date(),
): Promise<BackoffClaim> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const next = sql`(case when login_throttles.last_failure_at <= ${at} - make_interval(secs => ${policy.forgetAfterSeconds})
                         then 1 else login_throttles.failures + 1 end)`;
  const blockedUntil = (failures: ReturnType<typeof sql>) => sql`(case when ${failures} >= ${policy.delayAfter}
      then ${at} + make_interval(secs => least(${policy.maxDelaySeconds}, power(2, least(${failures} - ${policy.delayAfter}, 30))))
      else null end)`;
  const rows = await db.execute<{ failures: number }>(sql`
    insert into login_throttles (key, failures, last_failure_at, blocked_until)
    values (${key}, 1, ${at}, ${blockedUntil(sql`1`)})
    on conflict (key) do update set failures = ${next}, last_failure_at = ${at}, blocked_until = ${blockedUntil(next)}
    where login_throttles.blocked_until is null or login_throttles.blocked_until <= ${at}
    returning failures`);
  if (rows[0]) return { allowed: true, failures: Number(rows[0].failures) };
  const [blocked] = await db.execute<{ blocked_until: Date | string }>(
    sql`select blocked_until from login_throttles where key = ${key}`,
  );
  const until = blocked ? new Date(blocked.blocked_until).getTime() : now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** After a success: the key starts from zero. */
export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`delete from login_throttles where key = ${key}`);
}
