import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, emails, flags } from '@/db/schema';
import { applyPlans, emptyTotals } from '@/lib/scans/apply';
import { planBatch } from '@/lib/scans/plan';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { addMaintainers, addressState, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();
const NAMES = Array.from({ length: 12 }, (_, i) => `steady${i}.com`);
const h = setupProtocolServer(() => [
  ...NAMES.map((n) => record('active', n)),
  record('active', 'bigteam.dev'),
  record('active', 'raceway.dev'),
]);

describe('blast-radius guard', () => {
  it('holds a scan that would unverify more than the limit: pending_review flags, nobody unverified', async () => {
    // Fifty-five maintainers share one domain: one check, one result, fifty-five addresses.
    await addMaintainers(t.db, 'bigteam.dev', 55, h.server.getDomain('bigteam.dev')!);
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'bigteam.dev', trigger: 'cli' });
    const calls = h.server.requestCount({ domain: 'bigteam.dev' });
    h.server.setScenario('bigteam.dev', 'pending_delete');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'bigteam.dev', trigger: 'cli' });
    expect(h.server.requestCount({ domain: 'bigteam.dev' }) - calls).toBe(calls);
    expect(scan.guardTripped).toBe(true);
    expect(scan.counters).toMatchObject({
      addressesUnverified: 0,
      flagsOpened: 0,
      flagsHeldForReview: 55,
      notificationsQueued: 0,
    });
    const state = await addressState(t.db, 'bigteam.dev');
    expect(state.every((a) => a.verified && a.open === 1)).toBe(true);
    const [pending] = await t.db.select({ n: count() }).from(flags).where(eq(flags.state, 'pending_review'));
    expect(pending!.n).toBe(55);
  });
});

describe('provider faults', () => {
  it('30% 5xx, hangs and malformed bodies change no address and are counted as errors', async () => {
    for (const name of NAMES) await addMaintainers(t.db, name, 1, h.server.getDomain(name)!);
    h.server.setFaults({
      seed: 7,
      rules: [
        { match: { path: '/rdap/' }, action: 'status', status: 503, probability: 0.1 },
        { match: { path: '/rdap/' }, action: 'malformed', probability: 0.1 },
        { match: { path: '/rdap/' }, action: 'hang', probability: 0.1 },
        { match: { path: '/v2/status' }, action: 'status', status: 500, probability: 0.3 },
      ],
    });
    try {
      const scan = await scanToEnd(t.db, h.checker, { kind: 'full', trigger: 'cli' });
      expect(scan.state).toBe('done');
      expect(scan.counters.addressesUnverified).toBe(0);
      expect(scan.counters.flagsOpened).toBe(0);
      const unverified = await t.db
        .select({ n: count() })
        .from(emails)
        .where(and(eq(emails.verified, false), sql`${emails.domain} like 'steady%'`));
      expect(unverified[0]!.n).toBe(0);
      const [errors] = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from domain_observations where scan_id = ${scan.id} and error is not null`,
      );
      expect(Number(errors!.n)).toBeGreaterThan(0);
      const lapsing = await t.db
        .select({ n: count() })
        .from(domains)
        .where(sql`${domains.name} like 'steady%' and ${domains.stage} not in ('active')`);
      expect(lapsing[0]!.n).toBe(0);
    } finally {
      h.server.setFaults({ rules: [] });
    }
  });
});

describe('a result older than a re-verification', () => {
  it('never unverifies an address verified after the check began', async () => {
    await addMaintainers(t.db, 'raceway.dev', 1, h.server.getDomain('raceway.dev')!);
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'raceway.dev', trigger: 'cli' });
    h.server.setScenario('raceway.dev', 'redemption');
    const [domain] = await t.db.select().from(domains).where(eq(domains.name, 'raceway.dev'));
    const checkStartedAt = new Date();
    const checked = await h.checker.checkAndClassify('raceway.dev', {
      now: checkStartedAt,
      previousRegisteredAt: domain!.registeredAt,
      previousHandle: domain!.handle,
    });
    expect(checked.classification.stage).toBe('redemption');
    // The owner renews and re-verifies by link while that (now stale) result is in flight.
    await t.db
      .update(emails)
      .set({ verifiedAt: new Date(checkStartedAt.getTime() + 1_000) })
      .where(eq(emails.domain, 'raceway.dev'));
    await t.db.transaction(async (tx) => {
      const plans = await planBatch(
        tx,
        [{ domain: domain!, checked, checkStartedAt }],
        DEFAULT_POLICY_SETTINGS,
        new Date(),
      );
      await applyPlans(
        tx,
        plans,
        {
          scanId: null,
          actor: { type: 'job', name: 'test' },
          now: new Date(),
          settings: DEFAULT_POLICY_SETTINGS,
          hold: false,
        },
        emptyTotals(),
      );
    });
    expect(await addressState(t.db, 'raceway.dev')).toEqual([{ verified: true, reason: null, flags: 0, open: 0 }]);
  });
});
