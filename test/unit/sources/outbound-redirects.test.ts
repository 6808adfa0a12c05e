import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '@/lib/domains/http';
import { createStatusClient } from '@/lib/domains/status/client';
import { FAST_HTTP } from './helpers';
import { type LocalServer, json, redirect, selfSignedCert, startLocalServer } from './local-http';

// Redirects under the outbound policy, against real servers on 127.0.0.1. Server A is the one the
// client is allowed to reach (by host:port); each test makes A redirect somewhere and checks what
// the client did and what reached the target.

let a: LocalServer;
let b: LocalServer;
let secure: LocalServer;
let tlsCa: string;

function routes(origin: () => string) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', origin());
    const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/to') return redirect(res, url.searchParams.get('u') ?? '/');
    if (loop) return redirect(res, `/loop/${Number(loop[1]) + 1}`);
    if (url.pathname === '/same') return redirect(res, '/echo', 307);
    if (url.pathname === '/domain-management/v1/tools/status') return redirect(res, `${b.url}/stolen${url.search}`);
    return json(res, { path: url.pathname, headers: req.headers });
  };
}

beforeAll(async () => {
  a = await startLocalServer(routes(() => a.url));
  b = await startLocalServer(routes(() => b.url));
  const cert = selfSignedCert();
  tlsCa = cert.cert;
  secure = await startLocalServer(
    routes(() => secure.url),
    cert,
  );
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), secure?.close()]);
});
beforeEach(() => {
  for (const s of [a, b, secure]) s.seen.length = 0;
});

/** A client allowed to reach server A (and `extra`) by host and port: nothing else on loopback. */
const clientFor = (extra: string[] = [], opts: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ ...FAST_HTTP, retries: 0, allow: [`127.0.0.1:${a.port}`, ...extra], ...opts });

const via = (target: string) => `${a.url}/to?u=${encodeURIComponent(target)}`;

describe('where a request may go', () => {
  it('refuses loopback by default: a strict client never reaches the local server', async () => {
    const strict = new HttpClient({ ...FAST_HTTP, allow: [], retries: 2 });
    const result = await strict.get(`${a.url}/ok`);
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { code: 'blocked_target' } });
    expect(!result.ok && result.error.message).toMatch(/127\.0\.0\.1 is a loopback address; refused/);
    expect(a.seen).toHaveLength(0);
  });

  it('lets an allowed host:port through, and only that port', async () => {
    const client = clientFor();
    expect(await client.get(`${a.url}/ok`)).toMatchObject({ ok: true, response: { status: 200, redirected: false } });
    expect(await client.get(`${b.url}/ok`)).toMatchObject({ ok: false, error: { code: 'blocked_target' } });
    expect(b.seen).toHaveLength(0);
  });

  it.each([
    ['loopback on another port', () => `http://127.0.0.1:${b.port}/ok`, /loopback/],
    [
      'cloud metadata',
      () => 'http://169.254.169.254/latest/meta-data/',
      /169\.254\.169\.254 is a cloud metadata address/,
    ],
    ['private', () => 'http://10.0.0.1/', /10\.0\.0\.1 is a private address/],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${b.port}/ok`, /loopback/],
    ['IPv4-mapped metadata', () => 'http://[::ffff:a9fe:a9fe]/', /cloud metadata/],
    ['IPv6 loopback', () => `http://[::1]:${b.port}/ok`, /loopback/],
    ['AWS IPv6 metadata', () => 'http://[fd00:ec2::254]/', /cloud metadata/],
    ['unspecified', () => `http://0.0.0.0:${b.port}/ok`, /unspecified/],
    ['a non-http scheme', () => 'file:///etc/passwd', /file: URLs are not fetched/],
  ])('refuses a redirect to %s', async (_label, target, message) => {
    const result = await clientFor().get(via(target()));
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked_target' } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect(a.seen).toHaveLength(1);
    expect(b.seen).toHaveLength(0);
  });

  it('follows an allowed redirect and reports where the answer came from', async () => {
    const result = await clientFor().get(`${a.url}/same`);
    expect(result).toMatchObject({ ok: true, response: { status: 200, redirected: true, url: `${a.url}/echo` } });
  });

  it('stops a redirect chain after maxRedirects hops', async () => {
    const result = await clientFor([], { maxRedirects: 3 }).get(`${a.url}/loop/0`);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'http', message: expect.stringMatching(/more than 3 redirects/) },
    });
    expect(a.seen.map((s) => s.path)).toEqual(['/loop/0', '/loop/1', '/loop/2', '/loop/3']);
  });
});

describe('credentials and redirects', () => {
  const secrets = {
    authorization: 'Bearer top-secret',
    'fastly-key': 'fastly-secret',
    'x-custom-token': 'custom-secret',
  };

  it('keeps the credential on a same-origin redirect', async () => {
    await clientFor().get(`${a.url}/same`, { headers: secrets });
    expect(a.seen[1]?.headers).toMatchObject(secrets);
  });

  it('drops every caller header but accept and user-agent on a cross-origin redirect', async () => {
    const result = await clientFor([`127.0.0.1:${b.port}`]).get(via(`${b.url}/echo`), {
      headers: secrets,
      accept: 'application/rdap+json',
    });
    expect(result.ok).toBe(true);
    expect(a.seen[0]?.headers).toMatchObject(secrets);
    const received = b.seen[0]?.headers ?? {};
    expect(received.accept).toBe('application/rdap+json');
    expect(received['user-agent']).toMatch(/Gravekeeper/);
    for (const name of Object.keys(secrets)) expect(received[name]).toBeUndefined();
    expect(JSON.stringify(received)).not.toMatch(/secret/);
  });

  it('the Fastly key does not follow the status API to another origin', async () => {
    const status = createStatusClient(
      { provider: 'fastly', baseUrl: a.url, apiKey: 'fastly-secret' },
      clientFor([`127.0.0.1:${b.port}`]),
    )!;
    await status.lookup('example.com');
    expect(a.seen[0]?.headers['fastly-key']).toBe('fastly-secret');
    expect(b.seen).toHaveLength(1);
    expect(b.seen[0]?.path).toBe('/stolen?domain=example.com');
    expect(b.seen[0]?.headers['fastly-key']).toBeUndefined();
  });
});

describe('https → http downgrade', () => {
  const secureClient = (extra: string[]) =>
    new HttpClient({ ...FAST_HTTP, retries: 0, ca: tlsCa, allow: [`127.0.0.1:${secure.port}`, ...extra] });

  it('reaches the https server itself', async () => {
    expect(await secureClient([]).get(`${secure.url}/ok`)).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it('refuses a redirect from https to plain http even when the address is allowed', async () => {
    // 127.0.0.0/8 allows the address; only a host the operator named may take a downgrade.
    const result = await secureClient(['127.0.0.0/8']).get(
      `${secure.url}/to?u=${encodeURIComponent(`${b.url}/echo`)}`,
      {
        headers: { 'fastly-key': 'fastly-secret' },
      },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'blocked_target', message: expect.stringMatching(/from https to plain http/) },
    });
    expect(b.seen).toHaveLength(0);
  });

  it('allows it to a development host named in the allow-list', async () => {
    const result = await secureClient([`127.0.0.1:${b.port}`]).get(
      `${secure.url}/to?u=${encodeURIComponent(`${b.url}/echo`)}`,
    );
    expect(result).toMatchObject({ ok: true, response: { status: 200, url: `${b.url}/echo` } });
    expect(b.seen).toHaveLength(1);
  });
});
