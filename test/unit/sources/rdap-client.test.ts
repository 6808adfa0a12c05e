import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDomainChecker } from '@/lib/domains/check';
import { LAPSED_STAGES, WARNING_STAGES } from '@/core/domains';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { FAST_HTTP, fixtureResponse, rawRdapRecord, rdapClientFor } from './helpers';
import { startsOf, virtualClock } from './virtual-clock';

const NOW = new Date('2026-10-06T12:00:00Z');
let server: ProtocolServer;

// Real recorded answers, each served for its own name by the local registry of that TLD.
const RECORDED = [
  ['google.com', 'rdap/verisign_google.com_2024-07-29.json', '2138514_DOMAIN_COM-VRSN'],
  ['web.dev', 'rdap/google-registry_web.dev_2026-10-05.json', '2E35D5AB3-DEV'],
  ['bbc.co.uk', 'rdap/nominet_bbc.co.uk_2026-10-05.json', null],
  ['google.ai', 'rdap/identitydigital_google.ai_2026-10-05.json', null],
  ['nic.xyz', 'rdap/centralnic_nic.xyz_2024-06-12.json', null],
] as const;

beforeAll(async () => {
  server = await startProtocolServer({
    now: () => NOW,
    dns: false,
    domains: [
      ...RECORDED.map(([name, file]) => rawRdapRecord(name, fixtureResponse(file))),
      rawRdapRecord('empty404.com', fixtureResponse('errors/verisign_404_jsiqpmcurt.com_empty-body.txt', 404)),
      rawRdapRecord(
        'markwatch-nonexistent-7f3kq9.org',
        fixtureResponse('errors/pir_404_markwatch-nonexistent-7f3kq9.org.json', 404),
      ),
      rawRdapRecord('jsiqpmcurt.xyz', fixtureResponse('errors/centralnic_404_jsiqpmcurt.design.json', 404)),
      rawRdapRecord('throttled.org', fixtureResponse('errors/rdap-nic-biz_403_rate-limit.html', 403, 'text/html')),
      rawRdapRecord('zdns-throttled.xyz', fixtureResponse('errors/zdnsgtld_422_rate-limit_excerpt.json', 422)),
      rawRdapRecord('bad-request.org', fixtureResponse('errors/apnic_400_string-errorcode.json', 400)),
      rawRdapRecord('not-implemented.org', fixtureResponse('errors/ripe_501_not-implemented.json', 501)),
      rawRdapRecord('someone-else.com', fixtureResponse('rdap/verisign_google.com_2024-07-29.json')),
      recordFor('active', 'flaky.com', NOW),
      recordFor('active', 'slow.org', NOW),
      recordFor('redemption', 'garbled.dev', NOW),
    ],
  });
});
afterAll(() => server.close());
beforeEach(() => server.setFaults({ rules: [] }));

describe('RDAP client: answers', () => {
  it.each(RECORDED)('parses the recorded 200 for %s', async (name, _file, handle) => {
    const { rdap } = rdapClientFor(server);
    const outcome = await rdap.lookup(name);
    expect(outcome).toMatchObject({ ok: true, value: { kind: 'registered', domain: { ldhName: name } } });
    if (handle && outcome.ok && outcome.value.kind === 'registered') expect(outcome.value.domain.handle).toBe(handle);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    // rdap.nic.fr once refused requests accepting only application/rdap+json: send both.
    expect(server.stats.log({ domain: name }).at(-1)?.accept).toBe('application/rdap+json, application/json');
  });

  it.each([
    ['a generated Verisign 404 with an empty body', 'nobody-has-this.com'],
    ['the recorded Verisign empty 404', 'empty404.com'],
    ['the recorded PIR 404 JSON', 'markwatch-nonexistent-7f3kq9.org'],
    ['the recorded CentralNic 404 JSON', 'jsiqpmcurt.xyz'],
    ['a generated JSON 404', 'nobody-has-this.dev'],
  ])('reads %s as not_found', async (_label, name) => {
    const { rdap } = rdapClientFor(server);
    expect(await rdap.lookup(name)).toMatchObject({ ok: true, value: { kind: 'not_found' } });
  });

  it.each([
    ['403 HTML (rdap.nic.biz)', 'throttled.org', 'rate_limited', 403],
    ['422 JSON (ZDNS)', 'zdns-throttled.xyz', 'rate_limited', 422],
    ['400 JSON (APNIC)', 'bad-request.org', 'http', 400],
    ['501 JSON (RIPE)', 'not-implemented.org', 'http', 501],
  ])('maps %s to %s without retrying', async (_label, name, code, status) => {
    const { rdap } = rdapClientFor(server);
    expect(await rdap.lookup(name)).toMatchObject({ ok: false, error: { code, httpStatus: status } });
    expect(server.requestCount({ domain: name })).toBe(1);
    server.stats.reset();
  });

  it('holds the host after a disguised rate limit', async () => {
    server.stats.reset();
    const { clock, run } = virtualClock();
    const { rdap, http } = rdapClientFor(server, { clock }, 300);
    const starts = startsOf(http, clock);
    await run(rdap.lookup('throttled.org'), starts.record);
    await run(rdap.lookup('slow.org'), starts.record);
    expect(server.stats.times({ path: '/rdap/pir/' })).toHaveLength(2);
    // The bootstrap and throttled.org at once; slow.org waits out the 300 ms hold (on the client's clock).
    expect(starts.at).toEqual([0, 0, 300]);
  });

  it('refuses an answer about another domain', async () => {
    const { rdap } = rdapClientFor(server);
    expect(await rdap.lookup('someone-else.com')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('answers unsupported_tld for a TLD without RDAP, without asking anyone', async () => {
    const { rdap, http } = rdapClientFor(server);
    expect(await rdap.lookup('beispiel.de')).toMatchObject({ ok: false, error: { code: 'unsupported_tld' } });
    expect(Object.values(http.requestCounts()).reduce((a, b) => a + b, 0)).toBe(1); // the bootstrap only
  });
});

describe('RDAP client: transport failures', () => {
  it('retries 5xx and then succeeds', async () => {
    server.stats.reset();
    server.setFaults({ rules: [{ match: { domain: 'flaky.com' }, action: 'status', status: 503, times: 2 }] });
    const { rdap } = rdapClientFor(server, { retries: 2 });
    expect(await rdap.lookup('flaky.com')).toMatchObject({ ok: true, value: { kind: 'registered' } });
    expect(server.requestCount({ domain: 'flaky.com' })).toBe(3);
  });

  it('gives up after the bounded retries with an http error', async () => {
    server.stats.reset();
    server.setFaults({ rules: [{ match: { domain: 'flaky.com' }, action: 'status', status: 502 }] });
    const { rdap } = rdapClientFor(server, { retries: 2 });
    expect(await rdap.lookup('flaky.com')).toMatchObject({ ok: false, error: { code: 'http', httpStatus: 502 } });
    expect(server.requestCount({ domain: 'flaky.com' })).toBe(3);
  });

  it('waits as long as Retry-After says before retrying a 429', async () => {
    server.stats.reset();
    server.setFaults({
      rules: [{ match: { domain: 'flaky.com' }, action: 'status', status: 429, retryAfter: '1', times: 1 }],
    });
    const { clock, run } = virtualClock();
    const { rdap, http } = rdapClientFor(server, { clock, retries: 2 });
    const starts = startsOf(http, clock);
    expect(await run(rdap.lookup('flaky.com'), starts.record)).toMatchObject({ ok: true });
    expect(server.stats.times({ domain: 'flaky.com' })).toHaveLength(2);
    // The bootstrap and the 429 at once, the retry one second later (on the client's clock).
    expect(starts.at).toEqual([0, 0, 1000]);
  });

  it('does not wait for a Retry-After beyond the cap, and reports it', async () => {
    server.stats.reset();
    server.setFaults({
      rules: [{ match: { domain: 'flaky.com' }, action: 'status', status: 429, retryAfter: '3600' }],
    });
    const { rdap } = rdapClientFor(server, { retries: 2, retryAfterMaxMs: 5_000 });
    expect(await rdap.lookup('flaky.com')).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', retryAfterMs: 3_600_000 },
    });
    expect(server.requestCount({ domain: 'flaky.com' })).toBe(1);
  });

  it('turns a server that never answers into a timeout', async () => {
    server.setFaults({ rules: [{ match: { domain: 'slow.org' }, action: 'hang' }] });
    const { rdap } = rdapClientFor(server, { timeoutMs: 200 });
    expect(await rdap.lookup('slow.org')).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('times out an answer that comes too late', async () => {
    server.setFaults({ rules: [{ match: { domain: 'slow.org' }, latencyMs: 400 }] });
    const { rdap } = rdapClientFor(server, { timeoutMs: 150 });
    expect(await rdap.lookup('slow.org')).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('retries a dropped connection', async () => {
    server.stats.reset();
    server.setFaults({ rules: [{ match: { domain: 'flaky.com' }, action: 'reset', times: 1 }] });
    const { rdap } = rdapClientFor(server);
    expect(await rdap.lookup('flaky.com')).toMatchObject({ ok: true });
    expect(server.requestCount({ domain: 'flaky.com' })).toBe(2);
  });

  it('reads a malformed body as malformed, and the classifier finds no lapse in it', async () => {
    server.setFaults({ rules: [{ match: { domain: 'garbled.dev' }, action: 'malformed' }] });
    const { rdap } = rdapClientFor(server);
    expect(await rdap.lookup('garbled.dev')).toMatchObject({ ok: false, error: { code: 'malformed' } });

    const checker = createDomainChecker({
      rdap: { bootstrapUrl: server.bootstrapUrl },
      status: { provider: 'none' },
      dns: null,
      http: FAST_HTTP,
    });
    const { classification, sources } = await checker.checkAndClassify('garbled.dev', { now: NOW });
    expect(sources).toEqual([
      expect.objectContaining({ name: 'rdap', ok: false, error: expect.objectContaining({ code: 'malformed' }) }),
    ]);
    expect(classification.stage).toBe('unknown');
    expect([...LAPSED_STAGES, ...WARNING_STAGES]).not.toContain(classification.stage);
  });
});
