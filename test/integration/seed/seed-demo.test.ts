import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, emails, flags, users } from '@/db/schema';
import { DEMO_ACCOUNTS } from '@/dev/demo/seed/demo-accounts';
import { seedDemo } from '@/dev/demo/seed/seed-demo';
import { authenticate } from '@/lib/auth/authenticate';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@/dev/demo/seed/demo-accounts';
import { generate } from 'otplib';
import { STAGES } from '@/core/domains';
import { getOverviewCounts } from '@/lib/overview/queries';
import { setupTestDatabase } from '../../support/test-db';

// The demo staff and admin accounts' TOTP key is sealed: the test brings its key.
process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';

const t = setupTestDatabase();
const now = new Date('2026-11-23T12:00:00Z');

describe('demo seed', () => {
  it('seeds a believable registry once, and a second run adds nothing', async () => {
    const first = await seedDemo(t.db, { now });
    expect(first.seeded).toBe(true);
    const [u] = await t.db.select({ n: count() }).from(users);
    const [e] = await t.db.select({ n: count() }).from(emails);
    const [d] = await t.db.select({ n: count() }).from(domains);
    expect(u!.n).toBeGreaterThanOrEqual(2000);
    expect(e!.n).toBeGreaterThanOrEqual(2500);
    expect(d!.n).toBeGreaterThanOrEqual(300);

    const second = await seedDemo(t.db, { now: new Date(now.getTime() + 3_600_000) });
    expect(second.seeded).toBe(false);
    const [u2] = await t.db.select({ n: count() }).from(users);
    const [e2] = await t.db.select({ n: count() }).from(emails);
    expect([u2!.n, e2!.n]).toEqual([u!.n, e!.n]);
  });

  it('has custom domains in every lifecycle stage the engine can reach from registry data', async () => {
    const rows = await t.db.select({ stage: domains.stage, n: count() }).from(domains).groupBy(domains.stage);
    const present = new Set(rows.map((r) => r.stage));
    for (const stage of STAGES.filter((s) => s !== 'unknown')) expect(present, stage).toContain(stage);
  });

  it('puts most addresses on big providers and none of those under watch', async () => {
    const [big] = await t.db
      .select({ n: count() })
      .from(emails)
      .where(sql`${emails.domain} in (select domain from domain_lists where list = 'trusted')`);
    const [all] = await t.db.select({ n: count() }).from(emails);
    expect(big!.n / all!.n).toBeGreaterThan(0.6);
    const [watchedTrusted] = await t.db
      .select({ n: count() })
      .from(domains)
      .where(sql`${domains.name} in (select domain from domain_lists)`);
    expect(watchedTrusted!.n).toBe(0);
  });

  it('unverifies and flags addresses on lapsed domains only', async () => {
    const mismatched = await t.db
      .select({ address: emails.address, stage: domains.stage, verified: emails.verified })
      .from(emails)
      .innerJoin(domains, eq(domains.name, emails.domain))
      .where(
        sql`(${domains.stage} in ('redemption','pending_delete','available','re_registered')) = ${emails.verified}`,
      );
    expect(mismatched).toEqual([]);
    const [openFlags] = await t.db.select({ n: count() }).from(flags).where(eq(flags.state, 'open'));
    const [unverified] = await t.db
      .select({ n: count() })
      .from(emails)
      .where(eq(emails.unverifyReason, 'domain_lifecycle'));
    expect(openFlags!.n).toBe(unverified!.n);
    expect(openFlags!.n).toBeGreaterThan(0);
  });

  it('creates the demo logins with their roles and the maintainer whose domain changed hands', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const login = (code?: string) =>
        authenticate(t.db, { username: account.username, password: DEMO_PASSWORD, code, ip: 'seed-test' });
      if (account.role === 'user') {
        expect(await login()).toMatchObject({ ok: true, user: { role: account.role } });
        continue;
      }
      // Staff and admin are enrolled with the published demo key that `npm start` prints.
      expect(await login()).toMatchObject({ ok: false, reason: 'two_factor_required' });
      expect(await login(await generate({ secret: DEMO_TOTP_SECRET }))).toMatchObject({
        ok: true,
        user: { role: account.role },
      });
    }
    const maintainer = await t.db
      .select({ address: emails.address, verified: emails.verified, stage: domains.stage })
      .from(emails)
      .innerJoin(users, eq(users.id, emails.userId))
      .leftJoin(domains, eq(domains.name, emails.domain))
      .where(eq(users.username, 'maintainer'));
    expect(maintainer).toEqual(
      expect.arrayContaining([
        { address: 'dev@lapsed-example.dev', verified: false, stage: 're_registered' },
        { address: 'morgan.backup@gmail.com', verified: true, stage: null },
      ]),
    );
  });

  it('feeds the overview with counts that match the tables', async () => {
    const overview = await getOverviewCounts(t.db);
    const [e] = await t.db.select({ n: count() }).from(emails);
    const [f] = await t.db
      .select({ n: count() })
      .from(flags)
      .where(and(eq(flags.state, 'open')));
    expect(overview.addresses).toBe(e!.n);
    expect(overview.openFlags).toBe(f!.n);
    expect(overview.openFlagsByStage.reduce((s, r) => s + r.count, 0)).toBe(f!.n);
    expect(overview.customDomains).toBeGreaterThanOrEqual(300);
  });
});
