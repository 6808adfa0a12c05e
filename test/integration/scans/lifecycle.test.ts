import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, domains, emails, flags, notifications } from '@/db/schema';
import { addMaintainers, addressState, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// One domain walked through its lifecycle by changing what the local registry serves, scanning
// after each step: what a maintainer's addresses and flags look like at every stage.
const t = setupTestDatabase();
const h = setupProtocolServer(() => [
  record('active', 'walkthrough.dev'),
  record('active', 'comeback.dev'),
  record('active', 'gmail-neighbour.dev'),
]);

describe('a domain through its lifecycle', () => {
  it('active: first check records it and changes nobody', async () => {
    await addMaintainers(t.db, 'walkthrough.dev', 2, h.server.getDomain('walkthrough.dev')!);
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    expect(scan.state).toBe('done');
    expect(scan.counters).toMatchObject({
      domainsChecked: 1,
      addressesUnverified: 0,
      flagsOpened: 0,
      domainsErrored: 0,
    });
    const [d] = await t.db.select().from(domains).where(eq(domains.name, 'walkthrough.dev'));
    expect(d).toMatchObject({ stage: 'active', consecutiveFailures: 0 });
    expect(d!.handle).toBeTruthy();
    expect(d!.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect((await addressState(t.db, 'walkthrough.dev')).every((a) => a.verified)).toBe(true);
  });

  it('grace: warns the owners by mail to that address and in-app, unverifies nobody', async () => {
    h.server.setScenario('walkthrough.dev', 'grace');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    expect(scan.counters).toMatchObject({ domainsChanged: 1, addressesUnverified: 0, flagsOpened: 0 });
    expect(scan.counters.notificationsQueued).toBe(4);
    const mails = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'domain_expiring'), eq(notifications.channel, 'email')));
    expect(mails.map((m) => m.address).sort()).toEqual([
      'walkthrough-m0@walkthrough.dev',
      'walkthrough-m1@walkthrough.dev',
    ]);
    const [d] = await t.db.select().from(domains).where(eq(domains.name, 'walkthrough.dev'));
    expect(d!.stage).toBe('grace');
    // Lapsing domains are checked daily.
    expect(d!.nextCheckAt!.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000 + 5_000);
  });

  it('redemption: unverifies, opens one flag each, tells the owners at their other addresses only', async () => {
    h.server.setScenario('walkthrough.dev', 'redemption');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    expect(scan.counters).toMatchObject({ addressesUnverified: 2, flagsOpened: 2 });
    const state = await addressState(t.db, 'walkthrough.dev');
    expect(state.map((a) => [a.verified, a.reason, a.open])).toEqual([
      [false, 'domain_lifecycle', 1],
      [false, 'domain_lifecycle', 1],
    ]);
    const mails = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'address_unverified'), eq(notifications.channel, 'email')));
    expect(mails.map((m) => m.address).sort()).toEqual(['walkthrough-m0@gmail.com', 'walkthrough-m1@gmail.com']);
    const [unverifyAudits] = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'email.unverify'));
    expect(unverifyAudits!.n).toBe(2);
  });

  it('a rerun of the same state adds no flag, audit entry or notification', async () => {
    const before = await snapshot();
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    expect(scan.counters).toMatchObject({ addressesUnverified: 0, flagsOpened: 0, notificationsQueued: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('dropped and re-registered by someone else: flags escalate, nothing is restored', async () => {
    h.server.setScenario('walkthrough.dev', 'available');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    h.server.setScenario('walkthrough.dev', 're_registered');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    const [d] = await t.db.select().from(domains).where(eq(domains.name, 'walkthrough.dev'));
    expect(d!.stage).toBe('re_registered');
    const open = await t.db.select().from(flags).where(sql`${flags.state} = 'open'`);
    expect(open.map((f) => f.stage)).toEqual(['re_registered', 're_registered']);
    // The stranger's registration then looks perfectly healthy: still nothing comes back.
    h.server.setDomain('walkthrough.dev', { ...h.server.getDomain('walkthrough.dev')!, statusWords: ['active'] });
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'walkthrough.dev', trigger: 'cli' });
    expect((await addressState(t.db, 'walkthrough.dev')).every((a) => !a.verified && a.open === 1)).toBe(true);
  });

  it('renewed by its owner from redemption: flags resolve, addresses stay unverified until re-verified', async () => {
    const rec = h.server.getDomain('comeback.dev')!;
    await addMaintainers(t.db, 'comeback.dev', 1, rec);
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'comeback.dev', trigger: 'cli' });
    h.server.setScenario('comeback.dev', 'redemption');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'comeback.dev', trigger: 'cli' });
    h.server.setScenario('comeback.dev', 'active');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'comeback.dev', trigger: 'cli' });
    expect(scan.counters.flagsResolved).toBe(1);
    expect(await addressState(t.db, 'comeback.dev')).toEqual([
      { verified: false, reason: 'domain_lifecycle', flags: 1, open: 0 },
    ]);
  });

  it('never checks a trusted provider', async () => {
    await addMaintainers(t.db, 'gmail-neighbour.dev', 3, h.server.getDomain('gmail-neighbour.dev')!);
    const scan = await scanToEnd(t.db, h.checker, { kind: 'full', trigger: 'cli' });
    expect(scan.total).toBe(3);
    expect(h.server.requestCount({ domain: 'gmail.com' })).toBe(0);
    const [tracked] = await t.db.select({ n: count() }).from(domains).where(eq(domains.name, 'gmail.com'));
    expect(tracked!.n).toBe(0);
  });
});

async function snapshot() {
  const [f] = await t.db.select({ n: count() }).from(flags);
  const [a] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(sql`${auditLog.action} <> 'scan.request' and ${auditLog.action} <> 'scan.finish'`);
  const [n] = await t.db.select({ n: count() }).from(notifications);
  const e = await t.db.select({ id: emails.id, verified: emails.verified }).from(emails).orderBy(emails.id);
  return { flags: f!.n, audit: a!.n, notifications: n!.n, emails: e };
}
