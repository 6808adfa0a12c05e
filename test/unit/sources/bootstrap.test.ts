import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '@/lib/domains/http';
import { findBase, parseBootstrap, RdapBootstrap } from '@/lib/domains/rdap/bootstrap';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { FAST_HTTP, fixtureResponse } from './helpers';

let server: ProtocolServer;
beforeAll(async () => {
  server = await startProtocolServer({ domains: [], dns: false });
  server.setRoute('/iana/2024.json', fixtureResponse('bootstrap/iana-dns_2024-07-25.json', 200, 'application/json'));
  server.setRoute('/iana/2019.json', fixtureResponse('bootstrap/iana-dns_2019-12-24.json', 200, 'application/json'));
});
afterAll(() => server.close());

function index(services: [string[], string[]][]) {
  const parsed = parseBootstrap({ version: '1.0', services });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('bootstrap lookup rules', () => {
  it('takes the longest matching label sequence', () => {
    const idx = index([
      [['uk'], ['https://uk.example/']],
      [['co.uk'], ['https://co-uk.example/']],
    ]);
    expect(findBase(idx, 'example.co.uk')).toEqual({ zone: 'co.uk', baseUrl: 'https://co-uk.example/' });
    expect(findBase(idx, 'example.org.uk')).toEqual({ zone: 'uk', baseUrl: 'https://uk.example/' });
    expect(findBase(idx, 'EXAMPLE.UK.')).toEqual({ zone: 'uk', baseUrl: 'https://uk.example/' });
  });

  it('prefers https and makes base URLs end with a slash', () => {
    const idx = index([[['test'], ['http://plain.example/rdap', 'https://secure.example/rdap']]]);
    expect(findBase(idx, 'a.test')?.baseUrl).toBe('https://secure.example/rdap/');
  });

  it('never matches the domain itself, only its parents', () => {
    const idx = index([[['example.com'], ['https://odd.example/']]]);
    expect(findBase(idx, 'example.com')).toBeNull();
  });

  it('refuses a file of the wrong shape', () => {
    expect(parseBootstrap({ services: 'nope' })).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });
});

describe('RdapBootstrap against the local server', () => {
  it('parses the real IANA file of 2024-07-25 served over HTTP', async () => {
    const boot = new RdapBootstrap({ url: `${server.url}/iana/2024.json`, http: new HttpClient(FAST_HTTP) });
    expect(await boot.baseFor('google.com')).toMatchObject({
      ok: true,
      value: { baseUrl: 'https://rdap.verisign.com/com/v1/' },
    });
    expect(await boot.baseFor('bbc.co.uk')).toMatchObject({
      ok: true,
      value: { zone: 'uk', baseUrl: 'https://rdap.nominet.uk/uk/' },
    });
    // .de and .io had no RDAP service in 2024: the source is unavailable, the domain is not "free".
    for (const name of ['example.de', 'example.io']) {
      expect(await boot.baseFor(name)).toMatchObject({ ok: false, error: { code: 'unsupported_tld' } });
    }
    expect(boot.info()).toMatchObject({ publication: '2024-07-25T22:00:01Z', lastError: null });
    expect(boot.info().zones).toBeGreaterThan(1000);
  });

  it('keeps http-only entries of the 2019 file usable', async () => {
    const boot = new RdapBootstrap({ url: `${server.url}/iana/2019.json`, http: new HttpClient(FAST_HTTP) });
    expect(await boot.baseFor('example.arab')).toMatchObject({ ok: true, value: { baseUrl: 'http://rdap.nic.arab/' } });
    expect(await boot.baseFor('lemonde.fr')).toMatchObject({ ok: false, error: { code: 'unsupported_tld' } });
  });

  it('answers unsupported_tld for a TLD the served bootstrap lacks', async () => {
    const boot = new RdapBootstrap({ url: server.bootstrapUrl, http: new HttpClient(FAST_HTTP) });
    expect(await boot.baseFor('beispiel.de')).toMatchObject({ ok: false, error: { code: 'unsupported_tld' } });
    expect(await boot.baseFor('example.co.uk')).toMatchObject({ ok: true, value: { zone: 'uk' } });
  });

  it('loads once for many concurrent lookups', async () => {
    server.setRoute(
      '/iana/once.json',
      fixtureResponse('bootstrap/iana-dns_2026-09-30_excerpt.json', 200, 'application/json'),
    );
    const boot = new RdapBootstrap({ url: `${server.url}/iana/once.json`, http: new HttpClient(FAST_HTTP) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => boot.baseFor(`d${i}.com`)));
    expect(server.requestCount({ path: '/iana/once.json' })).toBe(1);
  });

  it('refreshes after the TTL and keeps the old copy when a refresh fails', async () => {
    let clock = 0;
    const path = '/iana/refresh.json';
    server.setRoute(path, fixtureResponse('bootstrap/iana-dns_2026-09-30_excerpt.json', 200, 'application/json'));
    const boot = new RdapBootstrap({
      url: `${server.url}${path}`,
      http: new HttpClient({ ...FAST_HTTP, retries: 0 }),
      ttlMs: 1_000,
      failureRetryMs: 500,
      now: () => clock,
    });
    expect(await boot.baseFor('example.com')).toMatchObject({
      ok: true,
      value: { baseUrl: 'https://rdap.verisign.com/com/v1/' },
    });

    server.setRoute(path, { status: 503, contentType: 'text/plain', body: 'down for maintenance' });
    clock = 1_500; // past the TTL: a refresh is due, and fails
    expect(await boot.baseFor('example.com')).toMatchObject({
      ok: true,
      value: { baseUrl: 'https://rdap.verisign.com/com/v1/' },
    });
    expect(server.requestCount({ path })).toBe(2);
    expect(boot.info().lastError).toMatchObject({ code: 'http', httpStatus: 503 });

    clock = 1_700; // within failureRetryMs: no new attempt, still the old copy
    expect(await boot.baseFor('example.net')).toMatchObject({ ok: true });
    expect(server.requestCount({ path })).toBe(2);

    const moved = {
      version: '1.0',
      publication: '2026-10-01T00:00:00Z',
      services: [[['com'], ['https://rdap.example/com/']]],
    };
    server.setRoute(path, { status: 200, contentType: 'application/json', body: JSON.stringify(moved) });
    clock = 2_100;
    expect(await boot.baseFor('example.com')).toMatchObject({
      ok: true,
      value: { baseUrl: 'https://rdap.example/com/' },
    });
    expect(await boot.baseFor('example.net')).toMatchObject({ ok: false, error: { code: 'unsupported_tld' } });
    expect(boot.info()).toMatchObject({ publication: '2026-10-01T00:00:00Z', lastError: null });
  });

  it('reports the load failure when there is no copy at all (not unsupported_tld)', async () => {
    server.setRoute('/iana/broken.json', { status: 200, contentType: 'application/json', body: '{"services": [[' });
    const boot = new RdapBootstrap({ url: `${server.url}/iana/broken.json`, http: new HttpClient(FAST_HTTP) });
    expect(await boot.baseFor('example.com')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });
});
