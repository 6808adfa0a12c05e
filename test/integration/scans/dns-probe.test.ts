import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainProbes, domains, scans } from '@/db/schema';
import { withDnsMove } from '@/dev/peers/protocol-server/dns-scenarios';
import { createDnsClient, type DnsClient } from '@/lib/domains/dns';
import { envSchema } from '@/lib/env';
import { probeDueDomains } from '@/lib/jobs/tick';
import { runScanChunk } from '@/lib/scans/run';
import { addMaintainers, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// The daily DNS probe against the local protocol server's UDP DNS: a domain whose NS/MX moved
// (NXDOMAIN after a mid-term deletion, a registrar's expiry name servers, MX removed) gets a full
// check whose result is stored; an unchanged domain costs two DNS queries and nothing else.

const t = setupTestDatabase();
const DELETED = 'deleted-midterm.dev';
const PARKED = 'registrar-parked.com';
const NOMAIL = 'mail-gone.dev';
const STEADY = 'steady.dev';
const h = setupProtocolServer(() => [DELETED, PARKED, NOMAIL, STEADY].map((name) => record('active', name)));
const HOUR = 3_600_000;
let dns: DnsClient;

async function domainRow(name: string) {
  const [row] = await t.db.select().from(domains).where(eq(domains.name, name));
  return row!;
}

async function scanCount() {
  const [row] = await t.db.select({ n: count() }).from(scans);
  return row!.n;
}

async function runToEnd(scanId: number, now: () => Date) {
  for (let i = 0; i < 50; i += 1) {
    const outcome = await runScanChunk(scanId, {
      db: t.db,
      checker: h.checker,
      budgetMs: 10_000,
      leaseSeconds: 5,
      now,
    });
    if (outcome === 'done' || outcome === 'failed' || outcome === 'cancelled') break;
    if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 200));
  }
  const [scan] = await t.db.select().from(scans).where(eq(scans.id, scanId));
  return scan!;
}

describe('daily DNS probe', () => {
  const t0 = Date.now();

  it('first probe of active domains stores NS and MX and asks for no check', async () => {
    dns = createDnsClient({ servers: envSchema.parse(h.server.env).DNS_SERVERS, timeoutMs: 2_000, tries: 2 });
    for (const name of [DELETED, PARKED, NOMAIL, STEADY])
      await addMaintainers(t.db, name, 1, h.server.getDomain(name)!);
    await scanToEnd(t.db, h.checker, { kind: 'full', trigger: 'cli' });
    const scansBefore = await t.db.select({ id: scans.id }).from(scans);
    const rdapBefore = h.checker.stats().requestsBySource;

    const first = await probeDueDomains(t.db, new Date(t0), { dns });
    expect(first).toMatchObject({ probed: 4, failed: 0, moved: [] });
    // Only DNS: no registry, registrar or status-API request, and no scan.
    expect(h.checker.stats().requestsBySource).toEqual(rdapBefore);
    expect(await t.db.select({ id: scans.id }).from(scans)).toEqual(scansBefore);
    const [probe] = await t.db
      .select()
      .from(domainProbes)
      .where(eq(domainProbes.domainId, (await domainRow(NOMAIL)).id));
    const served = h.server.getDomain(NOMAIL)!.dns;
    expect(served.kind).toBe('records');
    expect(probe).toMatchObject({ nxdomain: false, lastMove: null });
    expect(probe!.mx).toEqual(served.kind === 'records' ? [...served.mx].sort() : []);
    // Not due again within the day.
    expect(await probeDueDomains(t.db, new Date(t0 + 12 * HOUR), { dns })).toMatchObject({ probed: 0, moved: [] });
  });

  it('NXDOMAIN, expiry name servers and MX removed each get a full check whose result is stored', async () => {
    // Deleted by its owner mid-term: the registry holds it in pending delete, DNS says NXDOMAIN.
    h.server.setDomain(DELETED, withDnsMove(record('pending_delete', DELETED), 'nxdomain'));
    // The registry auto-renewed; the registrar stopped serving the owner and moved NS to its expiry hosts.
    h.server.setScenario(PARKED, 'auto_renewed');
    h.server.setDomain(PARKED, withDnsMove(h.server.getDomain(PARKED)!, 'parked'));
    // Mail went away; the registration is untouched.
    h.server.setDomain(NOMAIL, withDnsMove(h.server.getDomain(NOMAIL)!, 'mx_removed'));

    const t1 = t0 + 25 * HOUR;
    const clock = () => new Date(t1);
    const probe = await probeDueDomains(t.db, clock(), { dns });
    expect(probe.probed).toBe(4);
    const moved = Object.fromEntries(probe.moved.map((m) => [m.domain, m.moves.map((x) => x.kind)]));
    expect(moved).toEqual({ [DELETED]: ['nxdomain'], [PARKED]: ['parking', 'mx_removed'], [NOMAIL]: ['mx_removed'] });

    for (const m of probe.moved) {
      const scan = await runToEnd(m.scanId, clock);
      expect(scan).toMatchObject({ kind: 'domain', target: m.domain, state: 'done', trigger: 'schedule' });
      const row = await domainRow(m.domain);
      expect(row.lastCheckedAt?.getTime()).toBe(t1);
      const [stored] = await t.db.select().from(domainProbes).where(eq(domainProbes.domainId, row.id));
      expect(stored).toMatchObject({ lastScanId: m.scanId, lastMoveAt: new Date(t1) });
    }
    expect((await domainRow(DELETED)).stage).toBe('pending_delete');
    expect((await domainRow(PARKED)).stage).toBe('grace');
    expect((await domainRow(NOMAIL)).stage).toBe('active');
    // The unchanged domain was probed and left alone.
    const steady = await domainRow(STEADY);
    expect(steady.lastCheckedAt!.getTime()).toBeLessThan(t1);
    const [steadyProbe] = await t.db.select().from(domainProbes).where(eq(domainProbes.domainId, steady.id));
    expect(steadyProbe).toMatchObject({ lastMove: null, lastScanId: null, probedAt: new Date(t1) });
  });

  it('the next day nothing moved: no check is asked for, and domains no longer active are not probed', async () => {
    const t2 = t0 + 50 * HOUR;
    const scansBefore = await scanCount();
    const probe = await probeDueDomains(t.db, new Date(t2), { dns });
    // Deleted and parked are past active (checked by their own daily recheck); mail-gone and steady remain.
    expect(probe).toMatchObject({ probed: 2, failed: 0, moved: [] });
    const scansAfter = await scanCount();
    expect(scansAfter).toBe(scansBefore);
  });

  it('a resolver failure is no evidence: fingerprint kept, retried within the hour', async () => {
    const t3 = t0 + 75 * HOUR;
    const before = h.server.getDomain(STEADY)!;
    h.server.setDomain(STEADY, { ...before, dns: { kind: 'fault', fault: 'servfail' } });
    const probe = await probeDueDomains(t.db, new Date(t3), { dns });
    expect(probe).toMatchObject({ failed: 1, moved: [] });
    const [row] = await t.db
      .select()
      .from(domainProbes)
      .where(eq(domainProbes.domainId, (await domainRow(STEADY)).id));
    expect(row!.consecutiveFailures).toBe(1);
    expect(row!.nameservers).toEqual(before.dns.kind === 'records' ? [...before.dns.ns].sort() : null);
    expect(row!.nextProbeAt.getTime()).toBe(t3 + HOUR);
    h.server.setDomain(STEADY, before);
  });
});
