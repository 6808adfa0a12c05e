import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import {
  demoDomains,
  recordFor,
  SCENARIO_STAGE,
  SCENARIOS,
  syntheticDomains,
} from '@/dev/peers/protocol-server/dataset';
import { RDAP_SERVERS } from '@/dev/peers/protocol-server/rdap-template';
import { type DomainRecord, domainRecordSchema } from '@/dev/peers/protocol-server/records';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { FAST_HTTP } from './helpers';

const NOW = new Date('2026-10-06T12:00:00Z');
const SERVED_TLDS = new Set(RDAP_SERVERS.flatMap((s) => s.tlds));

describe('dataset', () => {
  const demo = demoDomains(NOW);

  it('has at least 300 unique, believable custom domains in every situation', () => {
    expect(demo.length).toBeGreaterThanOrEqual(300);
    expect(new Set(demo.map((d) => d.name)).size).toBe(demo.length);
    // auto_renewed is left out of the demo (its seed reads the registry record alone): tests set it up.
    for (const scenario of SCENARIOS.filter((s) => s !== 'auto_renewed'))
      expect(demo.filter((d) => d.scenario === scenario).length).toBeGreaterThanOrEqual(15);
    expect(demo.filter((d) => d.scenario === 'auto_renewed')).toEqual([]);
    for (const d of demo) {
      expect(d.name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]\.(co\.uk|[a-z]+)$/);
      expect(SERVED_TLDS.has(d.name.split('.').pop()!)).toBe(true);
      expect(domainRecordSchema.safeParse(d.record).success).toBe(true);
    }
    const tlds = new Set(demo.map((d) => d.name.slice(d.name.indexOf('.') + 1)));
    for (const tld of ['com', 'org', 'net', 'dev', 'io', 'co.uk', 'xyz', 'app']) expect(tlds).toContain(tld);
  });

  it('keeps names fixed and moves dates with the clock', () => {
    const later = demoDomains(new Date('2027-03-01T00:00:00Z'));
    expect(later.map((d) => [d.name, d.scenario])).toEqual(demo.map((d) => [d.name, d.scenario]));
    expect(later[0]?.record.rdap?.expiresAt).not.toBe(demo[0]?.record.rdap?.expiresAt);
    // Registration facts must not move with the clock: a restarted server would otherwise look
    // like a wave of re-registrations to the next scan.
    const facts = (d: (typeof demo)[number]) => [
      d.record.rdap?.handle,
      d.record.rdap?.registeredAt,
      d.record.rdap?.registrar.name,
    ];
    const stable = demo.filter((d) => d.scenario !== 're_registered' && d.record.rdap);
    expect(stable.map(facts)).toEqual(later.filter((d) => d.scenario !== 're_registered' && d.record.rdap).map(facts));
  });

  it('keeps one registration per name across situations, and a new one after a re-registration', () => {
    const [active, grace, redemption, pending] = (['active', 'grace', 'redemption', 'pending_delete'] as const).map(
      (s) => recordFor(s, 'pyutils.org', NOW).rdap,
    );
    for (const other of [grace, redemption, pending]) {
      expect(other).toMatchObject({
        handle: active?.handle,
        registeredAt: active?.registeredAt,
        registrar: active?.registrar,
      });
    }
    const again = recordFor('re_registered', 'pyutils.org', NOW);
    expect(again.previous).toEqual({ handle: active?.handle, registeredAt: active?.registeredAt });
    expect(again.rdap?.handle).not.toBe(active?.handle);
    expect(Date.parse(again.rdap!.registeredAt)).toBeGreaterThan(Date.parse(again.verifiedAt!));
  });

  it('generates synthetic domains deterministically from a seed', () => {
    const a = syntheticDomains({ count: 500, seed: 7, now: NOW });
    expect(a).toHaveLength(500);
    expect(syntheticDomains({ count: 500, seed: 7, now: NOW })).toEqual(a);
    expect(syntheticDomains({ count: 500, seed: 8, now: NOW }).map((d) => d.name)).not.toEqual(a.map((d) => d.name));
    expect(new Set(a.map((d) => d.name)).size).toBe(500);
    expect(a.filter((d) => d.scenario === 'active').length).toBeGreaterThan(300);
  });
});

describe('protocol server', () => {
  let server: ProtocolServer;
  const demo = demoDomains(NOW);
  const checkerFor = () =>
    createDomainChecker({
      rdap: { bootstrapUrl: server.bootstrapUrl },
      status: { provider: 'fastly', baseUrl: server.url, apiKey: 'k' },
      // Generous timeouts: this sweeps 300+ domains at once, and a timed-out source would be
      // (correctly) no evidence, which is not what this test is about.
      dns: { servers: [server.env.DNS_SERVERS!], timeoutMs: 5_000 },
      http: { ...FAST_HTTP, timeoutMs: 10_000, hostDefaults: { concurrency: 16, requestsPerSecond: 0 } },
    });
  beforeAll(async () => {
    server = await startProtocolServer({ now: () => NOW, domains: demo.map((d) => d.record) });
  });
  afterAll(() => server.close());

  it('gives every demo domain the stage its situation stands for, through RDAP (registry and registrar) and DNS', async () => {
    const checker = checkerFor();
    const results = await Promise.all(
      demo.map(async (d) => {
        const { classification, sources } = await checker.checkAndClassify(d.name, {
          now: NOW,
          verifiedAt: new Date(d.record.verifiedAt!),
        });
        return { scenario: d.scenario, stage: classification.stage, allOk: sources.every((s) => s.ok) };
      }),
    );
    expect(results.filter((r) => !r.allOk)).toEqual([]);
    expect(results.filter((r) => r.stage !== SCENARIO_STAGE[r.scenario])).toEqual([]);
    // One bootstrap load for all of them: the checker shares its cache.
    expect(server.requestCount({ path: '/rdap/bootstrap/' })).toBe(1);
    expect(checker.stats()).toMatchObject({ checks: demo.length, bootstrap: { zones: SERVED_TLDS.size } });
  }, 30_000);

  it('lets a test walk a domain through a lapse and a re-registration over HTTP', async () => {
    const name = 'lapsing-owner.dev';
    const admin = (method: string, body?: unknown) =>
      fetch(`${server.url}/_admin/domains/${name}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const checker = checkerFor();
    const verifiedAt = new Date('2025-01-10T00:00:00Z');

    expect((await admin('PUT', { scenario: 'active' })).status).toBe(200);
    const original = (await (await admin('GET')).json()) as DomainRecord;
    expect((await checker.checkAndClassify(name, { now: NOW, verifiedAt })).classification.stage).toBe('active');

    await admin('PUT', { scenario: 'available' });
    expect((await checker.checkAndClassify(name, { now: NOW, verifiedAt })).classification.stage).toBe('available');

    const reRegistered = (await (await admin('PUT', { scenario: 're_registered' })).json()) as DomainRecord;
    expect(reRegistered.previous).toEqual({ registeredAt: original.rdap?.registeredAt, handle: original.rdap?.handle });
    expect(reRegistered.rdap?.handle).not.toBe(original.rdap?.handle);
    const checked = await checker.checkAndClassify(name, {
      now: NOW,
      verifiedAt,
      previousHandle: original.rdap?.handle,
    });
    expect(checked.classification.stage).toBe('re_registered');

    expect((await admin('DELETE')).status).toBe(204);
    expect((await admin('GET')).status).toBe(404);
    const gone = await checker.check(name, { sources: ['rdap'] });
    expect(gone.rdap).toMatchObject({ ok: true, value: { kind: 'not_found' } });
  });

  it('accepts a full record and refuses an invalid one', async () => {
    const put = (body: unknown) =>
      fetch(`${server.url}/_admin/domains/custom.org`, { method: 'PUT', body: JSON.stringify(body) });
    const { name: _name, ...record } = demo.find((d) => d.scenario === 'on_hold')!.record;
    expect((await put(record)).status).toBe(200);
    expect(server.getDomain('custom.org')?.rdap?.statuses).toContain('client hold');
    expect((await put({ rdap: 'yes' })).status).toBe(400);
    expect((await fetch(`${server.url}/_admin/domains/custom.org`, { method: 'PUT', body: '{nope' })).status).toBe(400);
  });

  it('sets, shows and clears faults over HTTP', async () => {
    const faults = { rules: [{ match: { domain: 'faulty.com' }, action: 'status', status: 503 }] };
    const put = await fetch(`${server.url}/_admin/faults`, { method: 'PUT', body: JSON.stringify(faults) });
    expect(put.status).toBe(200);
    expect((await fetch(`${server.url}/rdap/verisign/domain/faulty.com`)).status).toBe(503);
    expect(await (await fetch(`${server.url}/_admin/faults`)).json()).toEqual(faults);
    expect(
      (await fetch(`${server.url}/_admin/faults`, { method: 'PUT', body: '{"rules":[{"action":"explode"}]}' })).status,
    ).toBe(400);
    await fetch(`${server.url}/_admin/faults`, { method: 'DELETE' });
    expect((await fetch(`${server.url}/rdap/verisign/domain/faulty.com`)).status).toBe(404);
  });

  it('answers a registry lookup for a TLD it does not serve with 404, like a real registry', async () => {
    const org = demo.find((d) => d.name.endsWith('.org') && d.scenario === 'active')!;
    expect((await fetch(`${server.url}/rdap/verisign/domain/${org.name}`)).status).toBe(404);
    expect((await fetch(`${server.url}/rdap/pir/domain/${org.name}`)).status).toBe(200);
  });
});

describe('sourcesConfigFromEnv', () => {
  it('builds the checker config from the environment schema', () => {
    const env = envSchema.parse({
      RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:4010/rdap/bootstrap/dns.json',
      DOMAIN_STATUS_PROVIDER: 'fastly',
      FASTLY_BASE_URL: 'http://127.0.0.1:4010',
      FASTLY_API_KEY: 'key',
      DNS_SERVERS: '127.0.0.1:4010, 10.0.0.53',
    });
    const config = sourcesConfigFromEnv(env, { http: { timeoutMs: 5_000 } });
    expect(config).toMatchObject({
      rdap: { bootstrapUrl: 'http://127.0.0.1:4010/rdap/bootstrap/dns.json' },
      status: { provider: 'fastly', baseUrl: 'http://127.0.0.1:4010', apiKey: 'key' },
      dns: { servers: ['127.0.0.1:4010', '10.0.0.53'] },
      http: { timeoutMs: 5_000, hosts: { '127.0.0.1:4010': { requestsPerSecond: 0 } } },
    });
    // Real registries and providers keep the default pacing.
    expect(Object.keys(config.http?.hosts ?? {})).toEqual(['127.0.0.1:4010']);
  });

  it('leaves the status source out when no provider is configured', () => {
    const config = sourcesConfigFromEnv(envSchema.parse({}));
    expect(config.status).toEqual({ provider: 'none' });
    expect(config.http?.hosts).toEqual({});
  });
});
