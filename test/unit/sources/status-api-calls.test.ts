import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDomainChecker, needsStatusApi } from '@/lib/domains/check';
import type { StatusProviderConfig } from '@/lib/domains/status/client';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { FAST_HTTP } from './helpers';

// The paid status API (Domainr / Fastly) is asked only where RDAP cannot answer: no RDAP server for
// the TLD, RDAP failed, or RDAP gave no usable answer — and never twice for one domain in one check.
// Counted on both sides: the checker's per-source stats and the requests the local server saw.

const NOW = new Date('2026-10-06T12:00:00Z');
let server: ProtocolServer;

const PROVIDERS: Record<'domainr' | 'fastly', { path: string; config: () => StatusProviderConfig }> = {
  domainr: { path: '/v2/status', config: () => ({ provider: 'domainr', baseUrl: server.url, clientId: 'c' }) },
  fastly: {
    path: '/domain-management/v1/tools/status',
    config: () => ({ provider: 'fastly', baseUrl: server.url, apiKey: 'k' }),
  },
};

const checkerWith = (provider: keyof typeof PROVIDERS) =>
  createDomainChecker({
    rdap: { bootstrapUrl: server.bootstrapUrl },
    status: PROVIDERS[provider].config(),
    dns: { servers: [server.env.DNS_SERVERS!] },
    http: FAST_HTTP,
  });

beforeAll(async () => {
  server = await startProtocolServer({
    now: () => NOW,
    domains: [
      recordFor('active', 'healthy.dev', NOW),
      recordFor('active', 'thin-active.com', NOW),
      recordFor('redemption', 'lapsing.org', NOW),
      recordFor('active', 'outage.io', NOW),
      recordFor('active', 'registrar-down.com', NOW),
      { ...recordFor('active', 'beispiel.de', NOW), rdap: null },
    ],
  });
});
afterAll(() => server.close());
beforeEach(() => server.setFaults({ rules: [] }));

const paid = (provider: keyof typeof PROVIDERS, domain: string) =>
  server.requestCount({ path: PROVIDERS[provider].path, domain });

describe.each(['domainr', 'fastly'] as const)('status API calls through %s', (provider) => {
  it('RDAP answered (registered, registrar followed, or 404): not asked', async () => {
    const checker = checkerWith(provider);
    for (const name of ['healthy.dev', 'thin-active.com', 'lapsing.org', 'nobody-registered-this.dev']) {
      const { sources } = await checker.checkAndClassify(name, { now: NOW });
      expect(sources.map((s) => s.name)).not.toContain(provider);
      expect(paid(provider, name)).toBe(0);
    }
    const stats = checker.stats();
    expect(stats.requestsBySource.statusApi).toBe(0);
    expect(stats.lookupsBySource).toEqual({ rdapRegistry: 4, rdapRegistrar: 1, statusApi: 0, dns: 4 });
  });

  it('no RDAP server for the TLD: asked once, and its words decide', async () => {
    const checker = checkerWith(provider);
    const before = paid(provider, 'beispiel.de');
    const { sources, classification } = await checker.checkAndClassify('beispiel.de', { now: NOW });
    expect(sources.map((s) => s.name)).toEqual(['rdap', 'dns', provider]);
    expect(classification.stage).toBe('active');
    expect(paid(provider, 'beispiel.de') - before).toBe(1);
    expect(checker.stats().lookupsBySource.statusApi).toBe(1);
  });

  it('RDAP failed after its retries: asked once, never twice in one check', async () => {
    server.setFaults({
      rules: [{ match: { path: '/rdap/identity/', domain: 'outage.io' }, action: 'status', status: 503 }],
    });
    const checker = checkerWith(provider);
    const before = paid(provider, 'outage.io');
    const { sources, classification } = await checker.checkAndClassify('outage.io', { now: NOW });
    expect(sources.find((s) => s.name === 'rdap')).toMatchObject({ ok: false, error: { code: 'http' } });
    expect(classification.stage).toBe('active');
    expect(paid(provider, 'outage.io') - before).toBe(1);
    expect(checker.stats().requestsBySource).toMatchObject({ rdapRegistry: 3, statusApi: 1 });
  });

  it('the registrar failing leaves RDAP’s answer standing: not asked', async () => {
    server.setFaults({ rules: [{ match: { path: '/rdap-registrar/' }, action: 'status', status: 500 }] });
    const checker = checkerWith(provider);
    const { sources } = await checker.checkAndClassify('registrar-down.com', { now: NOW });
    expect(sources.find((s) => s.name === 'rdap_registrar')?.ok).toBe(false);
    expect(paid(provider, 'registrar-down.com')).toBe(0);
  });
});

describe('needsStatusApi: exactly when the free sources give no stage', () => {
  const rdapError = { ok: false as const, error: { code: 'timeout' as const, message: 't' } };
  it.each([
    ['nothing asked', {}, true],
    [
      'RDAP failed, DNS answered',
      { rdap: rdapError, dns: { ok: true as const, value: { nxdomain: true, nameservers: [], mx: [] } } },
      true,
    ],
    ['RDAP 404', { rdap: { ok: true as const, value: { kind: 'not_found' as const } } }, false],
  ])('%s → %s', (_label, evidence, expected) => {
    expect(needsStatusApi(evidence)).toBe(expected);
  });
});
