import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HostGate } from '@/lib/domains/host-limiter';
import { HttpClient, parseRetryAfter } from '@/lib/domains/http';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { FAST_HTTP, rdapClientFor } from './helpers';
import { startsOf, virtualClock } from './virtual-clock';

const NOW = new Date('2026-10-06T12:00:00Z');
const COM = Array.from({ length: 12 }, (_, i) => `site${i}.com`);
const ORG = Array.from({ length: 6 }, (_, i) => `site${i}.org`);
let server: ProtocolServer;

beforeAll(async () => {
  server = await startProtocolServer({
    now: () => NOW,
    dns: false,
    // .com and .org get different host names in the served bootstrap (127.0.0.1 and localhost).
    hostAliases: ['localhost'],
    domains: [...COM, ...ORG].map((name) => recordFor('active', name, NOW)),
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.setFaults({ rules: [] });
  server.stats.reset();
});

describe('per-host politeness, against the local protocol server', () => {
  it('spaces requests to one host by 1/rps', async () => {
    const { clock, run } = virtualClock();
    const { rdap, http } = rdapClientFor(server, { clock, hostDefaults: { concurrency: 8, requestsPerSecond: 10 } });
    await run(rdap.lookup(COM[0]!)); // loads the bootstrap
    server.stats.reset();
    const starts = startsOf(http, clock);
    await run(Promise.all(COM.slice(1, 9).map((name) => rdap.lookup(name))), starts.record);
    expect(server.stats.times({ path: '/rdap/verisign/' })).toHaveLength(8);
    // Concurrent callers leave one interval (100 ms at 10/s) apart, on the client's clock.
    expect(starts.at.map((t) => t - starts.at[0]!)).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
  });

  it('never has more requests in flight to one host than the cap', async () => {
    server.setFaults({ rules: [{ match: { path: '/rdap/' }, latencyMs: 60 }] });
    const { rdap } = rdapClientFor(server, { hostDefaults: { concurrency: 3, requestsPerSecond: 0 } });
    const outcomes = await Promise.all(COM.map((name) => rdap.lookup(name)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(server.stats.maxInFlight).toBe(3);
  });

  it('keeps separate limits per host', async () => {
    server.setFaults({ rules: [{ match: { path: '/rdap/' }, latencyMs: 80 }] });
    const { rdap, http } = rdapClientFor(server, { hostDefaults: { concurrency: 1, requestsPerSecond: 0 } });
    await Promise.all([...COM.slice(0, 3), ...ORG.slice(0, 3)].map((name) => rdap.lookup(name)));
    // One request at a time per host, two hosts: two in flight at most, and both hosts were used.
    expect(server.stats.maxInFlight).toBe(2);
    const counts = http.requestCounts();
    expect(counts[`localhost:${server.port}`]).toBe(3);
    expect(counts[`127.0.0.1:${server.port}`]).toBe(4); // the bootstrap + three .com lookups
  });

  it('applies a per-host override', async () => {
    const { clock, run } = virtualClock();
    const { rdap, http } = rdapClientFor(server, {
      clock,
      hostDefaults: { concurrency: 8, requestsPerSecond: 0 },
      hosts: { [`localhost:${server.port}`]: { requestsPerSecond: 10 } },
    });
    const starts = startsOf(http, clock, `localhost:${server.port}`);
    await run(Promise.all(ORG.slice(0, 4).map((name) => rdap.lookup(name))), starts.record);
    expect(starts.at).toEqual([0, 100, 200, 300]);
    expect(server.stats.times({ path: '/rdap/pir/' })).toHaveLength(4);
  });

  it('holds the whole host while a Retry-After runs, not just the request that got it', async () => {
    server.setFaults({
      rules: [{ match: { path: '/rdap/verisign/' }, action: 'status', status: 429, retryAfter: '1', times: 1 }],
    });
    const { clock, run } = virtualClock();
    const { rdap, http } = rdapClientFor(server, {
      clock,
      random: () => 0,
      hostDefaults: { concurrency: 1, requestsPerSecond: 0 },
    });
    const starts = startsOf(http, clock);
    // bootstrap, the 429, its retry once the second is over, then the next lookup
    await run(
      (async () => {
        await rdap.lookup(COM[0]!);
        await rdap.lookup(COM[1]!);
      })(),
      starts.record,
    );
    expect(server.stats.times({ path: '/rdap/verisign/' })).toHaveLength(3);
    expect(starts.at).toEqual([0, 0, 1000, 1000]);
  });

  it('server-side rate limit answers 429 with Retry-After, and the client recovers', async () => {
    server.setFaults({
      rules: [{ match: { path: '/rdap/verisign/' }, rateLimit: { perSecond: 2, retryAfterSeconds: 1 } }],
    });
    const { rdap } = rdapClientFor(server, { hostDefaults: { concurrency: 4, requestsPerSecond: 0 }, retries: 3 });
    const outcomes = await Promise.all(COM.slice(0, 4).map((name) => rdap.lookup(name)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(server.stats.log({ path: '/rdap/verisign/' }).some((e) => e.status === 429)).toBe(true);
  });
});

describe('HostGate on a virtual clock', () => {
  it('starts requests one interval apart, concurrent or not', async () => {
    const { clock, run } = virtualClock();
    const gate = new HostGate({ concurrency: 4, requestsPerSecond: 4 }, clock);
    const starts: number[] = [];
    await run(Promise.all(Array.from({ length: 6 }, () => gate.run(async () => starts.push(clock.now())))));
    await run(gate.run(async () => starts.push(clock.now())));
    expect(starts).toEqual([0, 250, 500, 750, 1000, 1250, 1500]);
    expect(gate.requests).toBe(7);
  });

  it('holds every request during a pause, then keeps the spacing', async () => {
    const { clock, run } = virtualClock();
    const gate = new HostGate({ concurrency: 2, requestsPerSecond: 10 }, clock);
    gate.pause(5_000);
    const starts: number[] = [];
    await run(Promise.all([1, 2, 3].map(() => gate.run(async () => starts.push(clock.now())))));
    expect(starts).toEqual([5_000, 5_100, 5_200]);
  });
});

describe('transport errors', () => {
  it('reports a refused connection as a network error after bounded retries', async () => {
    const gone = await startProtocolServer({ domains: [], dns: false });
    const url = `${gone.url}/rdap/bootstrap/dns.json`;
    await gone.close();
    const http = new HttpClient({ ...FAST_HTTP, retries: 2 });
    expect(await http.get(url)).toMatchObject({ ok: false, attempts: 3, error: { code: 'network' } });
    expect(Object.values(http.requestCounts())).toEqual([3]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-06T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Tue, 06 Oct 2026 12:00:30 GMT', 30_000],
    ['Tue, 06 Oct 2026 11:00:00 GMT', 0],
  ])('%j → %d ms', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
  it.each([null, 'soon', '-5', '1.5'])('%j → null', (value) => expect(parseRetryAfter(value, now)).toBeNull());
});
