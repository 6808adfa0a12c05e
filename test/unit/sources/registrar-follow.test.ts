import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDomainChecker } from '@/lib/domains/check';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import type { DomainRecord } from '@/dev/peers/protocol-server/records';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { fixtureText } from '../domains/helpers';
import { FAST_HTTP } from './helpers';

// The registry's `related` link followed one hop to the registrar, against the local protocol
// server: the recorded Verisign/MarkMonitor pair for google.com (the link rewritten to point at the
// local registrar path), generated registrar records, redirects, failures, and the outbound rules.

const NOW = new Date('2026-10-06T12:00:00Z');
let server: ProtocolServer;

/**
 * Verisign's recorded answer for google.com with its related link pointed at `href` (slashes escaped
 * as Verisign does), optionally standing for another name.
 */
function verisignGoogleLinkingTo(href: string, name = 'google.com'): string {
  const body = JSON.parse(fixtureText('rdap/verisign_google.com_2024-07-29.json'));
  for (const link of body.links) if (link.rel === 'related') link.href = href;
  body.ldhName = name.toUpperCase();
  return JSON.stringify(body).replaceAll('/', '\\/');
}

function recordedPair(name: string, registryBody: string, registrarBody: string): DomainRecord {
  return {
    name,
    rdap: null,
    statusWords: ['active'],
    dns: { kind: 'records', ns: ['ns1.google.com'], mx: ['smtp.google.com'] },
    responses: {
      rdap: { status: 200, contentType: 'application/rdap+json', body: registryBody },
      registrar: { status: 200, contentType: 'application/rdap+json', body: registrarBody },
    },
  };
}

/** Two .com names sponsored by one registrar (one registrar base URL). */
function sameRegistrar(name: string): DomainRecord {
  const rec = recordFor('active', name, NOW);
  if (rec.rdap) rec.rdap.registrar = { name: 'Shared Registrar LLC', ianaId: '4242' };
  return rec;
}

const checkerFor = (holdMs = 60_000) =>
  createDomainChecker({
    rdap: { bootstrapUrl: server.bootstrapUrl, registrarHold: { baseHoldMs: holdMs } },
    status: { provider: 'domainr', baseUrl: server.url, clientId: 'c' },
    dns: { servers: [server.env.DNS_SERVERS!] },
    http: FAST_HTTP,
  });

beforeAll(async () => {
  server = await startProtocolServer({ now: () => NOW, domains: [] });
  const registrarPath = `${server.url}/rdap-registrar/markmonitor/domain/GOOGLE.COM`;
  server.setDomain(
    'google.com',
    recordedPair(
      'google.com',
      verisignGoogleLinkingTo(registrarPath),
      fixtureText('rdap/markmonitor_google.com_2024-07-29.json'),
    ),
  );
  server.setDomain('moved-registrar.com', {
    ...recordFor('active', 'moved-registrar.com', NOW),
    registrarRdap: { redirect: true },
  });
  server.setDomain('unknown-at-registrar.com', {
    ...recordFor('active', 'unknown-at-registrar.com', NOW),
    registrarRdap: { missing: true },
  });
  server.setDomain('lapsed-owner.com', recordFor('auto_renewed', 'lapsed-owner.com', NOW));
  server.setDomain('first.com', sameRegistrar('first.com'));
  server.setDomain('second.com', sameRegistrar('second.com'));
  server.setDomain(
    'private-link.com',
    recordedPair(
      'private-link.com',
      verisignGoogleLinkingTo('http://10.0.0.1/rdap/domain/private-link.com', 'private-link.com'),
      '{}',
    ),
  );
});
afterAll(() => server.close());
beforeEach(() => server.setFaults({ rules: [] }));

describe('one hop to the registrar', () => {
  it('follows the recorded registry answer’s related link and keeps both answers apart', async () => {
    const checker = checkerFor();
    const check = await checker.checkAndClassify('google.com', { now: new Date('2024-07-29T17:24:00Z') });
    expect(check.sources.map((s) => [s.name, s.ok])).toEqual([
      ['rdap', true],
      ['rdap_registrar', true],
      ['dns', true],
    ]);
    const registrar = check.evidence.rdapRegistrar;
    expect(registrar).toMatchObject({ ok: true, value: { kind: 'registered', domain: { ldhName: 'google.com' } } });
    if (registrar?.ok && registrar.value.kind === 'registered')
      expect(registrar.value.domain.expiresAt?.toISOString()).toBe('2028-09-13T07:00:00.000Z');
    expect(check.classification.stage).toBe('active');
    expect(server.requestCount({ path: '/rdap-registrar/markmonitor/domain/GOOGLE.COM' })).toBe(1);
    expect(checker.stats().requestsBySource).toEqual({
      rdapBootstrap: 1,
      rdapRegistry: 1,
      rdapRegistrar: 1,
      statusApi: 0,
      dns: 2,
    });
  });

  it('never follows a link found in the registrar’s answer', async () => {
    const onward = `${server.url}/rdap-registrar/elsewhere/domain/chained.com`;
    const registrarBody = JSON.stringify({
      objectClassName: 'domain',
      ldhName: 'chained.com',
      links: [{ rel: 'related', href: onward, type: 'application/rdap+json' }],
      events: [{ eventAction: 'expiration', eventDate: '2027-01-01T00:00:00Z' }],
    });
    const registryLink = `${server.url}/rdap-registrar/markmonitor/domain/chained.com`;
    const registry = verisignGoogleLinkingTo(registryLink, 'chained.com');
    server.setDomain('chained.com', recordedPair('chained.com', registry, registrarBody));
    const check = await checkerFor().check('chained.com');
    expect(check.rdapRegistrar?.ok).toBe(true);
    expect(server.requestCount({ path: '/rdap-registrar/elsewhere/' })).toBe(0);
  });

  it('follows a registrar’s redirect (one request for the client, two for the server)', async () => {
    const checker = checkerFor();
    const check = await checker.check('moved-registrar.com');
    expect(check.rdapRegistrar).toMatchObject({ ok: true, value: { kind: 'registered' } });
    expect(
      server.stats.log({ domain: 'moved-registrar.com' }).map((e) => [e.path.replace(/\/domain\/.*/, ''), e.status]),
    ).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^\/rdap-registrar\/[a-z0-9]+$/), 302],
        [expect.stringMatching(/^\/rdap-registrar\/[a-z0-9]+\/v2$/), 200],
      ]),
    );
    expect(checker.stats().requestsBySource.rdapRegistrar).toBe(1);
  });

  it('a registrar without a record of the domain is a failed lookup, never "available"', async () => {
    const check = await checkerFor().checkAndClassify('unknown-at-registrar.com', { now: NOW });
    expect(check.sources.find((s) => s.name === 'rdap_registrar')).toMatchObject({
      ok: false,
      error: { code: 'http', httpStatus: 404 },
    });
    expect(check.classification.stage).toBe('active');
  });

  it('sees the lapse a thin registry hides after auto-renewing: grace, from the registrar', async () => {
    const check = await checkerFor().checkAndClassify('lapsed-owner.com', { now: NOW });
    expect(check.classification.stage).toBe('grace');
    expect(check.classification.evidence[0]).toMatchObject({ kind: 'decided', source: 'rdap_registrar' });
  });

  it('goes through the outbound rules: a link to a private address is refused and the registry stands', async () => {
    const check = await checkerFor().checkAndClassify('private-link.com', { now: new Date('2024-07-29T17:24:00Z') });
    expect(check.sources.find((s) => s.name === 'rdap_registrar')).toMatchObject({
      ok: false,
      error: { code: 'blocked_target' },
    });
    expect(check.classification.stage).toBe('active');
  });
});

describe('registrar reachability, per registrar base URL', () => {
  it('leaves a failing registrar alone for a while, then asks it again', async () => {
    const checker = checkerFor(300);
    server.setFaults({
      rules: [{ match: { path: '/rdap-registrar/sharedregistrarllc/' }, action: 'status', status: 503 }],
    });
    const first = await checker.check('first.com');
    expect(first.rdapRegistrar).toMatchObject({ ok: false, error: { code: 'http', httpStatus: 503 } });
    const asked = server.requestCount({ path: '/rdap-registrar/sharedregistrarllc/' });
    expect(asked).toBe(3); // the first attempt and two retries, as for every 5xx

    const second = await checker.check('second.com');
    expect(second.rdapRegistrar).toMatchObject({ ok: false, error: { code: 'skipped' } });
    expect(server.requestCount({ path: '/rdap-registrar/sharedregistrarllc/' })).toBe(asked);
    expect(checker.stats().registrarsHeld).toEqual([`${server.url}/rdap-registrar/sharedregistrarllc/`]);
    expect(checker.stats().lookupsBySource.rdapRegistrar).toBe(1);

    server.setFaults({ rules: [] });
    await new Promise((r) => setTimeout(r, 350));
    expect((await checker.check('second.com')).rdapRegistrar?.ok).toBe(true);
    expect(checker.stats().registrarsHeld).toEqual([]);
  });
});
