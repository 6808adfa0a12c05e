import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdapDomain } from '@/lib/domains/rdap/parse';
import { FAR_FUTURE } from '@/core/domains';
import { fixtureJson, fixtureText, rdapFixture } from './helpers';
import { EXPECTED } from './rdap-expected';

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('parseRdapDomain on every recorded response', () => {
  const files = readdirSync(path.resolve(import.meta.dirname, '../../fixtures/rdap')).filter((f) =>
    f.endsWith('.json'),
  );

  it('covers all 26 fixtures', () => {
    expect(files).toHaveLength(26);
    expect(Object.keys(EXPECTED).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s', (file) => {
    const expected = EXPECTED[file];
    const value = rdapFixture(file);
    expect({
      ldhName: value.ldhName,
      handle: value.handle,
      registeredAt: iso(value.registeredAt),
      expiresAt: iso(value.expiresAt),
      registrar: value.registrar,
      statuses: value.statuses,
    }).toEqual(expected);
  });
});

describe('parseRdapDomain details', () => {
  it("ignores the registrar entity's own events (MarkMonitor's registrar expiration of 2020)", () => {
    for (const file of ['markmonitor_google.com_2024-07-29.json', 'markmonitor_abc.xyz_2021-05-07.json']) {
      const value = rdapFixture(file);
      expect(value.registrarExpiresAt).toBeNull();
      expect(value.expiresAt?.getUTCFullYear()).toBeGreaterThan(2020);
    }
  });

  it('takes the non-standard "last update" as last changed, and agrees with the registry', () => {
    const registrar = rdapFixture('markmonitor_google.com_2024-07-29.json');
    const registry = rdapFixture('verisign_google.com_2024-07-29.json');
    expect(iso(registrar.lastChangedAt)).toBe('2019-09-09T15:39:04.000Z');
    expect(registrar.lastChangedAt).toEqual(registry.lastChangedAt);
    // …while their expiration dates differ by 21 hours for the same registration.
    expect((registry.expiresAt?.getTime() ?? 0) - (registrar.expiresAt?.getTime() ?? 0)).toBe(21 * 3_600_000);
  });

  it('does not take contact or registrar registration events as the domain registration', () => {
    expect(iso(rdapFixture('afnic_afnic.fr_2023.json').registeredAt)).toBe('2001-12-10T23:00:00.000Z');
    expect(iso(rdapFixture('tube-registry_you.tube_2021-04-16.json').registeredAt)).toBe('2016-04-17T11:31:13.000Z');
  });

  it('reads transfer, last changed and related links', () => {
    const nic = rdapFixture('cznic_nic.cz_2020.json');
    expect(iso(nic.transferredAt)).toBe('2007-02-28T13:55:00.000Z');
    expect(iso(nic.lastChangedAt)).toBe('2016-11-22T14:07:40.000Z');
    expect(rdapFixture('verisign_baeldung.com_2024-04-01.json').relatedLinks).toEqual([
      'https://rdap.namecheap.com/domain/BAELDUNG.COM',
    ]);
    expect(rdapFixture('cznic_nic.cz_2020.json').relatedLinks).toEqual([]);
  });

  it('reads Verisign escaped slashes as ordinary JSON', () => {
    expect(fixtureText('rdap/verisign_google.com_2021-12-17.json')).toContain('https:\\/\\/');
    expect(rdapFixture('verisign_google.com_2021-12-17.json').relatedLinks).toEqual([
      'https://rdap.markmonitor.com/rdap/domain/GOOGLE.COM',
    ]);
  });

  it('reads Namecheap zone-less dates as UTC', () => {
    expect(iso(rdapFixture('namecheap_bitcoin.org_2021-05-07.json').lastChangedAt)).toBe('2019-11-24T13:58:35.000Z');
  });

  it('lower-cases names and strips trailing dots, in ldhName, unicodeName and nameservers', () => {
    const cyou = rdapFixture('comlaude_amazon.cyou_2021-04-15.json');
    expect(cyou.unicodeName).toBe('amazon.cyou');
    expect(cyou.nameservers).toEqual(['nsgbr.comlaude.co.uk', 'nssui.comlaude.ch', 'nsusa.comlaude.net']);
    expect(rdapFixture('verisign_google.com_2021-12-17.json').nameservers).toEqual([
      'ns1.google.com',
      'ns2.google.com',
      'ns3.google.com',
      'ns4.google.com',
    ]);
    expect(rdapFixture('nominet_bbc.co.uk_2026-10-05.json').nameservers).toContain('ddns0.bbc.co.uk');
    expect(rdapFixture('nomulus-test_cat.xn--q9jyb4c.json').unicodeName).toBe('cat.みんな');
    expect(rdapFixture('nomulus-test_fish.xn--q9jyb4c.json').nameservers).toEqual([]);
  });

  it('keeps untrusted strings as data (escaping is the display layer’s job)', () => {
    expect(rdapFixture('nomulus-test_cat.lol.json').registrar?.name).toBe('Yes Virginia <script>');
  });
});

describe('EPP camelCase statuses', () => {
  const withStatuses = (status: unknown) => {
    const json = fixtureJson('rdap/verisign_google.com_2024-07-29.json') as Record<string, unknown>;
    const parsed = parseRdapDomain({ ...json, status });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value.statuses;
  };

  it('normalises EPP spellings to RFC 8056 phrases', () => {
    expect(
      withStatuses([
        'redemptionPeriod',
        'pendingDelete',
        'clientHold',
        'serverHold',
        'autoRenewPeriod',
        'pendingRestore',
        'addPeriod',
        'ok',
        'linked',
        'serverTransferProhibited',
      ]),
    ).toEqual([
      'redemption period',
      'pending delete',
      'client hold',
      'server hold',
      'auto renew period',
      'pending restore',
      'add period',
      'active',
      'associated',
      'server transfer prohibited',
    ]);
  });

  it('accepts odd case, underscores, repeats, a lone string, and drops non-strings', () => {
    expect(withStatuses(['Redemption Period', 'PENDING_DELETE', 'redemption period', 7, null])).toEqual([
      'redemption period',
      'pending delete',
    ]);
    expect(withStatuses('clientHold')).toEqual(['client hold']);
    expect(withStatuses({ constructor: 'x' })).toEqual([]);
    expect(withStatuses(['constructor', 'toString'])).toEqual(['constructor', 'to string']);
  });
});

describe('parseRdapDomain rejections', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'domain'],
    ['an error object', fixtureJson('errors/nomulus-test_404_missingdomain.com.json')],
    ['a CentralNic 404 body', fixtureJson('errors/centralnic_404_jsiqpmcurt.design.json')],
    ['an entity', { objectClassName: 'entity', handle: 'X', ldhName: 'x.com' }],
    ['a domain without a name', { objectClassName: 'domain', handle: 'X' }],
  ])('%s is malformed', (_label, json) => {
    const parsed = parseRdapDomain(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('malformed');
  });

  it('survives members of the wrong type', () => {
    const parsed = parseRdapDomain({
      ldhName: 'Example.COM.',
      events: [
        { eventAction: 'expiration', eventDate: 'soon' },
        { eventAction: 7 },
        'x',
        { eventAction: 'expiration', eventDate: '+294247-01-10T04:00:54.775Z' },
      ],
      entities: [
        { roles: 'registrar' },
        {
          roles: ['REGISTRAR'],
          vcardArray: ['vcard', 'nope'],
          publicIds: [{ type: 'IANA Registrar ID', identifier: 42 }],
        },
      ],
      nameservers: [{ ldhName: 5 }, { unicodeName: 'NS1.Example.net.' }, null],
      links: { rel: 'related' },
      status: 'ok',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.ldhName).toBe('example.com');
    expect(parsed.value.expiresAt?.getTime()).toBe(FAR_FUTURE.getTime());
    expect(parsed.value.registrar).toEqual({ name: null, ianaId: '42', handle: null });
    expect(parsed.value.nameservers).toEqual(['ns1.example.net']);
    expect(parsed.value.relatedLinks).toEqual([]);
    expect(parsed.value.statuses).toEqual(['active']);
  });

  it('keeps the latest of repeated events and reads reregistration', () => {
    const parsed = parseRdapDomain({
      ldhName: 'example.com',
      events: [
        { eventAction: 'transfer', eventDate: '2020-01-01T00:00:00Z' },
        { eventAction: 'transfer', eventDate: '2022-01-01T00:00:00Z' },
        { eventAction: 'transfer', eventDate: '2021-01-01T00:00:00Z' },
        { eventAction: 'reregistration', eventDate: '2023-05-05T00:00:00Z' },
        { eventAction: 'deletion', eventDate: '2024-05-05T00:00:00Z' },
        { eventAction: 'registrar expiration', eventDate: '2024-06-05T00:00:00Z' },
        { eventAction: 'enum validation expiration', eventDate: '2030-01-01T00:00:00Z' },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(iso(parsed.value.transferredAt)).toBe('2022-01-01T00:00:00.000Z');
    expect(iso(parsed.value.reregisteredAt ?? null)).toBe('2023-05-05T00:00:00.000Z');
    expect(iso(parsed.value.deletionAt)).toBe('2024-05-05T00:00:00.000Z');
    expect(iso(parsed.value.registrarExpiresAt)).toBe('2024-06-05T00:00:00.000Z');
    expect(parsed.value.expiresAt).toBeNull();
  });
});
