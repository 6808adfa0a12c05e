import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, domains, flags, lookalikeCandidates, notifications, scans, webhookEndpoints } from '@/db/schema';
import type { DomainRecord } from '@/dev/peers/protocol-server/dataset';
import { seal } from '@/lib/auth/secret-box';
import { scheduleDueDomains } from '@/lib/jobs/tick';
import { listCandidatesPage, listMalicious, listWatchedNames } from '@/lib/lookalikes/queries';
import { watchName } from '@/lib/lookalikes/watch';
import { runScanChunk } from '@/lib/scans/run';
import { makeAddress, makeUser } from '../account/fixtures';
import { CLI, record, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// The look-alike watch against the local protocol server: pypi.org's 129 candidates become domains
// rows, their first check is one scan with progress (a baseline: what is already registered is
// listed, not alerted), and later checks on the schedule turn a registration, and then MX and A
// records, into alerts: audit rows, staff notices (in-app and mail) and the `lookalike.registered`
// webhook event. No candidate ever opens a flag.

const t = setupTestDatabase();
const DAY = 86_400_000;
const T0 = Date.now();

// pypj.org: registered before we look, mailing and serving a page (the June 2025 phishing domain).
const withDns = (rec: DomainRecord, mx: string[], a: string[]): DomainRecord => ({
  ...rec,
  dns: { kind: 'records', ns: ['ns1.badhost.example', 'ns2.badhost.example'], mx, a },
});
const h = setupProtocolServer(() => [
  withDns(record('active', 'pypj.org'), ['mx.pypj.org'], ['203.0.113.5']),
  withDns(record('active', 'pyp1.org'), [], []),
]);

async function candidate(name: string) {
  const [row] = await t.db
    .select({ c: lookalikeCandidates, d: domains })
    .from(lookalikeCandidates)
    .innerJoin(domains, eq(domains.id, lookalikeCandidates.domainId))
    .where(eq(domains.name, name));
  return row!;
}

async function runToEnd(scanId: number, now: () => Date) {
  for (let i = 0; i < 100; i += 1) {
    const outcome = await runScanChunk(scanId, {
      db: t.db,
      checker: h.checker,
      budgetMs: 30_000,
      leaseSeconds: 30,
      now,
    });
    if (outcome === 'done' || outcome === 'failed' || outcome === 'cancelled') break;
  }
  const [scan] = await t.db.select().from(scans).where(eq(scans.id, scanId));
  return scan!;
}

const alerts = () =>
  t.db.select().from(notifications).where(eq(notifications.kind, 'lookalike_alert')).orderBy(notifications.id);

describe('look-alike watch of pypi.org', () => {
  it('puts 129 candidates under watch and checks them in one scan with progress, as a silent baseline', async () => {
    const staff = await makeUser(t.db, 'staff');
    await makeAddress(t.db, staff.id, 'sam.staff@gmail.com', { primary: true });
    await makeUser(t.db, 'admin');
    await t.db
      .insert(webhookEndpoints)
      .values({ url: 'https://hooks.registry.example/gk', events: ['lookalike.registered'], secretEnc: seal('whsec') });

    const watched = await t.db.transaction((tx) =>
      watchName({ ctx: { tx, actor: CLI, now: new Date(T0) }, input: { name: 'pypi.org' } }),
    );
    expect(watched).toMatchObject({ name: 'pypi.org', candidates: 129 });
    const scan = await runToEnd(watched.scanId, () => new Date(T0));
    expect(scan).toMatchObject({ kind: 'lookalikes', state: 'done', total: 129, checked: 129 });

    const pypj = await candidate('pypj.org');
    expect(pypj.d.stage).toBe('active');
    expect(pypj.c).toMatchObject({ registered: true, hasMx: true, hasA: true, mx: ['mx.pypj.org'] });
    expect(pypj.c.addresses).toEqual(['203.0.113.5']);
    expect(pypj.c.nameservers).toEqual(['ns1.badhost.example', 'ns2.badhost.example']);
    expect(pypj.c.baselineAt).not.toBeNull();
    // Newly registered (as far as we know): daily. A free .org candidate: weekly.
    expect(pypj.d.nextCheckAt!.getTime()).toBe(T0 + DAY);
    const free = await candidate('pypk.org');
    expect(free.d.stage).toBe('available');
    expect(free.c.registered).toBe(false);
    expect(free.d.nextCheckAt!.getTime()).toBe(T0 + 7 * DAY);
    // No source answers for .co at the local peer: the usual back-off (60 min first), never past a week.
    const unanswered = await candidate('pypi.co');
    expect(unanswered.d.stage).toBe('unknown');
    expect(unanswered.d.nextCheckAt!.getTime()).toBe(T0 + 60 * 60_000);

    // The baseline alerts nobody and tells no webhook anything; candidates have no addresses, so no flags.
    expect(await alerts()).toEqual([]);
    const deliveries = await t.db.execute(sql`select event from webhook_deliveries`);
    expect(deliveries).toEqual([]);
    expect(await t.db.select().from(flags)).toEqual([]);

    const [name] = await listWatchedNames(t.db);
    expect(name).toMatchObject({ name: 'pypi.org', candidates: 129, registered: 2, withMx: 1 });
    expect(name!.scan).toMatchObject({ state: 'done', checked: 129, total: 129 });
    const registered = await listCandidatesPage(t.db, {});
    expect(registered.rows.map((r) => r.domain).sort()).toEqual(['pyp1.org', 'pypj.org']);
    const homoglyphs = await listCandidatesPage(t.db, { family: 'homoglyph' });
    expect(homoglyphs.rows.map((r) => r.domain)).toEqual(['pyp1.org']);
  });

  it('alerts staff and the webhook when a candidate is registered, and again when MX or A appears', async () => {
    // A week later: pypk.org has been registered; pyp1.org got a mail server and a web page.
    h.server.setDomain('pypk.org', withDns(record('active', 'pypk.org'), ['mx1.mailhost.example'], []));
    h.server.setDomain('pyp1.org', withDns(record('active', 'pyp1.org'), ['mx.pyp1.org'], ['198.51.100.9']));
    const later = new Date(T0 + 7 * DAY + 60_000);
    const scanId = await scheduleDueDomains(t.db, later);
    expect(scanId).not.toBeNull();
    const scan = await runToEnd(scanId!, () => later);
    expect(scan.state).toBe('done');

    const pypk = await candidate('pypk.org');
    expect(pypk.c).toMatchObject({ registered: true, hasMx: true, hasA: false });
    expect(pypk.c.registeredSeenAt?.getTime()).toBe(later.getTime());

    const events = await t.db
      .select({ action: auditLog.action, target: auditLog.targetId, details: auditLog.details })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'lookalike.%' and ${auditLog.action} <> 'lookalike.watch'`)
      .orderBy(auditLog.targetId);
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ['lookalike.dns_appeared', 'pyp1.org'],
      ['lookalike.dns_appeared', 'pyp1.org'],
      ['lookalike.registered', 'pypk.org'],
    ]);
    expect(events[2]!.details).toMatchObject({ domain: 'pypk.org', mx: ['mx1.mailhost.example'], names: ['pypi.org'] });

    // One webhook delivery, of the registration only; candidates' stage changes are not domain.stage_changed.
    const deliveries = await t.db.execute<{ event: string; payload: { data: { domain: string } } }>(
      sql`select event, payload from webhook_deliveries`,
    );
    expect(deliveries.map((d) => [d.event, d.payload.data.domain])).toEqual([['lookalike.registered', 'pypk.org']]);

    // Each of the two staff accounts hears of each of the three events in the app; mail goes to the
    // staff member's verified primary address (the admin has none, so in-app only).
    const sent = await alerts();
    expect(sent.filter((n) => n.channel === 'in_app')).toHaveLength(6);
    const mails = sent.filter((n) => n.channel === 'email');
    expect(mails.map((m) => m.address)).toEqual(['sam.staff@gmail.com', 'sam.staff@gmail.com', 'sam.staff@gmail.com']);

    // Nothing new the next day: the same facts raise nothing twice.
    const nextDay = new Date(later.getTime() + DAY + 60_000);
    const again = await scheduleDueDomains(t.db, nextDay);
    if (again) await runToEnd(again, () => nextDay);
    expect(await alerts()).toHaveLength(sent.length);
  });

  it('lists a malicious mark in the export and keeps benign ones out of the MX alerts', async () => {
    const { markLookalike } = await import('@/lib/lookalikes/mark');
    await t.db.transaction((tx) =>
      markLookalike({
        ctx: { tx, actor: CLI, now: new Date() },
        input: { domain: 'pypj.org', mark: 'malicious', reason: '' },
      }),
    );
    const malicious = await listMalicious(t.db);
    expect(malicious.map((m) => [m.domain, m.hasMx])).toEqual([['pypj.org', true]]);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'lookalike.mark'), eq(auditLog.targetId, 'pypj.org')));
    expect(audit!.details).toMatchObject({ before: null, after: 'malicious' });
  });
});
