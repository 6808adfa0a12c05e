import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { createDomainChecker } from '@/lib/domains/check';
import { FAST_HTTP } from './helpers';

// The benchmarks serve registrars on a port of their own (a registrar is another host than its
// registry, paced by its own limits): the registry's `related` link must lead there, and the
// checker must follow it there, not back to the registry's host.

const NOW = new Date('2026-10-06T12:00:00Z');
let server: ProtocolServer;

beforeAll(async () => {
  server = await startProtocolServer({ now: () => NOW, domains: [], dns: false, registrarListener: true });
  server.setDomain('lapsed-owner.com', recordFor('auto_renewed', 'lapsed-owner.com', NOW));
});
afterAll(() => server.close());

it('points the related link at the registrars’ own host and is followed there', async () => {
  const registrar = server.registrarUrl;
  expect(registrar).not.toBeNull();
  expect(new URL(registrar ?? '').port).not.toBe(String(server.port));
  const checker = createDomainChecker({
    rdap: { bootstrapUrl: server.bootstrapUrl },
    status: { provider: 'none' },
    dns: null,
    http: FAST_HTTP,
  });
  const check = await checker.checkAndClassify('lapsed-owner.com', { now: NOW });
  // The registry auto-renewed; only the registrar's record, on its own host, tells the lapse.
  expect(check.classification.stage).toBe('grace');
  const hosts = server.stats.log({ domain: 'lapsed-owner.com' }).map((e) => [e.host, e.path.split('/')[1]]);
  expect(hosts).toEqual([
    [`127.0.0.1:${server.port}`, 'rdap'],
    [new URL(registrar ?? '').host, 'rdap-registrar'],
  ]);
  expect(checker.stats().requestsBySource).toMatchObject({ rdapRegistry: 1, rdapRegistrar: 1 });
});
