import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loginThrottles, rateLimits, resetAttempts, users } from '@/db/schema';
import { pruneIfDue, pruneRecords, RESET_ATTEMPTS_ALWAYS_KEPT } from '@/lib/rate-limit/prune';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();
const NOW = new Date('2027-03-01T12:00:00Z');
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - (days * 24 + hours) * 3600_000);
const keys = async (table: 'rate_limits' | 'login_throttles') =>
  (await t.db.execute<{ key: string }>(sql`select key from ${sql.identifier(table)} order by key`)).map((r) => r.key);

describe('pruning rate limits, login throttles and reset attempts', () => {
  it('deletes only what has run out, and keeps the reset attempts the pages show', async () => {
    await t.db.delete(rateLimits);
    await t.db.insert(rateLimits).values([
      { key: 'old', windowStart: ago(2), count: 3 },
      { key: 'recent', windowStart: ago(0, 2), count: 3 },
    ]);
    await t.db.insert(loginThrottles).values([
      { key: 'user:quiet', failures: 9, lastFailureAt: ago(3), blockedUntil: ago(3) },
      { key: 'user:active', failures: 9, lastFailureAt: ago(0, 1), blockedUntil: NOW },
    ]);
    const [heavy] = await t.db.insert(users).values({ username: 'heavy', name: 'h', passwordHash: 'x' }).returning();
    const [light] = await t.db.insert(users).values({ username: 'light', name: 'l', passwordHash: 'x' }).returning();
    const perUser = RESET_ATTEMPTS_ALWAYS_KEPT.perUser;
    // heavy: perUser + 5 attempts, all older than the retention; light: 2 old ones; plus anonymous
    // old and recent attempts, enough for the outbox page's newest 50 to be all recent.
    const rows = [
      ...Array.from({ length: perUser + 5 }, (_, i) => ({
        input: 'heavy',
        userId: heavy!.id,
        outcome: 'sent',
        at: ago(100 + i),
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        input: 'light',
        userId: light!.id,
        outcome: 'sent',
        at: ago(200 + i),
      })),
      ...Array.from({ length: 30 }, (_, i) => ({ input: `old${i}`, outcome: 'unknown_input', at: ago(95, i) })),
      ...Array.from({ length: RESET_ATTEMPTS_ALWAYS_KEPT.overall }, (_, i) => ({
        input: `new${i}`,
        outcome: 'unknown_input',
        at: ago(1, i),
      })),
    ];
    await t.db.insert(resetAttempts).values(rows);

    const result = await pruneRecords(t.db, { now: NOW, resetAttemptRetentionDays: 90 });
    expect(result).toEqual({
      rateLimits: 1,
      loginThrottles: 1,
      resetAttempts: 5 + 30,
      signInEvents: 0,
      webauthnChallenges: 0,
    });
    expect(await keys('rate_limits')).toEqual(['recent']);
    expect(await keys('login_throttles')).toEqual(['user:active']);
    const left = await t.db.select().from(resetAttempts);
    expect(left.filter((r) => r.userId === heavy!.id)).toHaveLength(perUser);
    // The kept ones are heavy's newest.
    expect(Math.min(...left.filter((r) => r.userId === heavy!.id).map((r) => r.at.getTime()))).toBe(
      ago(100 + perUser - 1).getTime(),
    );
    expect(left.filter((r) => r.userId === light!.id)).toHaveLength(2);
    expect(left.filter((r) => r.input.startsWith('new'))).toHaveLength(RESET_ATTEMPTS_ALWAYS_KEPT.overall);
    expect(left.filter((r) => r.input.startsWith('old'))).toHaveLength(0);

    // A longer retention keeps more: nothing is left to delete at 365 days.
    expect((await pruneRecords(t.db, { now: NOW, resetAttemptRetentionDays: 365 })).resetAttempts).toBe(0);
  });

  it('runs at most once an hour, however many workers tick', async () => {
    const at = new Date('2027-04-01T00:00:00Z');
    const ticks = await Promise.all(
      Array.from({ length: 6 }, () => pruneIfDue(t.db, { now: at, resetAttemptRetentionDays: 90 })),
    );
    expect(ticks.filter(Boolean)).toHaveLength(1);
    expect(
      await pruneIfDue(t.db, { now: new Date(at.getTime() + 59 * 60_000), resetAttemptRetentionDays: 90 }),
    ).toBeNull();
    expect(
      await pruneIfDue(t.db, { now: new Date(at.getTime() + 61 * 60_000), resetAttemptRetentionDays: 90 }),
    ).not.toBeNull();
  });
});
