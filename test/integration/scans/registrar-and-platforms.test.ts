import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainObservations, domains } from '@/db/schema';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { fixtureText } from '../../unit/domains/helpers';
import { addMaintainers, addressState, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// Detection beyond the registry's status words, through real scans against the local protocol
// server: a thin .com whose registry auto-renewed while the registrar says the owner's registration
// ran out, and a recorded Google Registry (Nomulus) answer whose "reregistration" is a renewal.

const t = setupTestDatabase();
const LAPSED = 'paidup-lapsed.com';
const h = setupProtocolServer(() => [record('auto_renewed', LAPSED)]);

async function domainRow(name: string) {
  const [row] = await t.db.select().from(domains).where(eq(domains.name, name));
  return row!;
}

describe('a lapse only the registrar shows', () => {
  it('grace from the registrar’s record: owners warned, nobody unverified, both answers kept', async () => {
    const rec = h.server.getDomain(LAPSED)!;
    await addMaintainers(t.db, LAPSED, 2, rec);
    const before = h.checker.stats().requestsBySource;
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: LAPSED, trigger: 'cli' });
    expect(scan.counters).toMatchObject({ domainsChanged: 1, addressesUnverified: 0, notificationsQueued: 4 });
    const row = await domainRow(LAPSED);
    expect(row.stage).toBe('grace');
    const paidUpTo = rec.registrarRdap?.expiresAt;
    expect(row.expiresAt?.toISOString()).toBe(paidUpTo);
    expect(row.evidence?.[0]).toMatchObject({ code: 'registrar_expiration_passed', source: 'rdap_registrar' });
    expect((await addressState(t.db, LAPSED)).every((a) => a.verified)).toBe(true);

    const observed = await t.db
      .select()
      .from(domainObservations)
      .where(and(eq(domainObservations.domainId, row.id), eq(domainObservations.scanId, scan.id)));
    const bySource = Object.fromEntries(observed.map((o) => [o.source, o]));
    expect(Object.keys(bySource).sort()).toEqual(['dns', 'rdap', 'rdap_registrar']);
    expect(bySource.rdap_registrar!.expiresAt?.toISOString()).toBe(paidUpTo);
    expect(bySource.rdap!.expiresAt?.toISOString()).toBe(rec.rdap?.expiresAt);
    expect(bySource.rdap_registrar!.statusWords).toContain('client hold');

    const detail = await getDomainDetail(t.db, LAPSED);
    expect(detail?.observations.map((o) => o.source)).toContain('rdap_registrar');

    // One request to the registry and one to the registrar; the paid status API was not asked.
    const after = h.checker.stats().requestsBySource;
    expect(after.rdapRegistry - before.rdapRegistry).toBe(1);
    expect(after.rdapRegistrar - before.rdapRegistrar).toBe(1);
    expect(after.statusApi - before.statusApi).toBe(0);
  });
});

describe('a registry platform that writes "reregistration" for a renewal', () => {
  it('the recorded bugatti.app answer leaves the owners verified (their registration goes on)', async () => {
    // The answer's related link points at Google Domains' RDAP; here at the local registrar path.
    const body = fixtureText('rdap/google-registry_bugatti.app_2022-01-21.json').replace(
      'https://domainsrdap.googleapis.com/v1/domain/bugatti.app',
      `${h.server.url}/rdap-registrar/googlellc/domain/bugatti.app`,
    );
    h.server.setDomain('bugatti.app', {
      rdap: null,
      statusWords: ['active'],
      dns: { kind: 'records', ns: ['ns-cloud-b1.googledomains.com'], mx: [] },
      verifiedAt: '2020-05-01T00:00:00.000Z',
      responses: { rdap: { status: 200, contentType: 'application/rdap+json', body } },
    });
    await addMaintainers(t.db, 'bugatti.app', 2, h.server.getDomain('bugatti.app')!);
    const now = new Date('2022-01-21T14:17:00Z');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'bugatti.app', trigger: 'cli' }, () => now);
    expect(scan.counters).toMatchObject({ domainsChecked: 1, addressesUnverified: 0, flagsOpened: 0 });
    const row = await domainRow('bugatti.app');
    expect(row.stage).toBe('active');
    expect(row.registeredAt?.toISOString()).toBe('2019-07-29T00:48:50.113Z');
    expect(row.handle).toBe('3B81EADC3-APP');
    expect(row.evidence).toContainEqual(expect.objectContaining({ code: 'renewal_event' }));
    expect((await addressState(t.db, 'bugatti.app')).every((a) => a.verified && a.flags === 0)).toBe(true);
  });
});
