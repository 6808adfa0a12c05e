import dns from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDomainChecker } from '@/lib/domains/check';
import { HttpClient } from '@/lib/domains/http';
import type { Resolve } from '@/lib/domains/outbound-agent';
import { type DnsServer, startDnsServer } from '@/dev/peers/protocol-server/dns-server';
import type { DnsRecord } from '@/dev/peers/protocol-server/records';
import { FAST_HTTP } from './helpers';
import { json, type LocalServer, startLocalServer } from './local-http';

// The address checked is the address connected to: names are resolved inside the socket's own
// lookup, here through a resolver pointed at the repo's local DNS server, so a name that looks
// public but answers 127.0.0.1 (DNS rebinding) is refused at connect time.

const ZONE: Record<string, DnsRecord> = {
  'inside.test': { kind: 'records', ns: [], mx: [], a: ['127.0.0.1'] },
  // One public address first, then loopback: every answer is checked, not just the first.
  'mixed.test': { kind: 'records', ns: [], mx: [], a: ['93.184.215.14', '127.0.0.1'] },
  'mapped.test': { kind: 'records', ns: [], mx: [], aaaa: ['::ffff:127.0.0.1'] },
  'metadata.test': { kind: 'records', ns: [], mx: [], aaaa: ['fd00:ec2::254'] },
};

let web: LocalServer;
let dnsServer: DnsServer;
let resolve: Resolve;

beforeAll(async () => {
  web = await startLocalServer((req, res) => {
    if (req.url === '/rdap/bootstrap.json') {
      // A bootstrap that sends .com lookups to the metadata address and .net to a private one.
      return json(res, {
        services: [
          [['com'], ['http://169.254.169.254/rdap/']],
          [['net'], [`http://inside.test:${web.port}/rdap/`]],
        ],
      });
    }
    json(res, { ok: true });
  });
  dnsServer = await startDnsServer({ host: '127.0.0.1', port: 0, lookup: (name) => ZONE[name] });
  const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dnsServer.port}`]);
  const answers = async (family: 4 | 6, hostname: string) => {
    try {
      const found = family === 4 ? await resolver.resolve4(hostname) : await resolver.resolve6(hostname);
      return found.map((address) => ({ address, family }));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENODATA') return [];
      throw err;
    }
  };
  resolve = async (hostname) => [...(await answers(4, hostname)), ...(await answers(6, hostname))];
});
afterAll(async () => {
  await Promise.all([web?.close(), dnsServer?.close()]);
});
beforeEach(() => {
  web.seen.length = 0;
});

const strict = () => new HttpClient({ ...FAST_HTTP, retries: 0, allow: [], resolve });

describe('names are checked by the addresses they resolve to, at connect time', () => {
  it.each([
    ['answers only 127.0.0.1', 'inside.test', /inside\.test resolves to 127\.0\.0\.1, a loopback address/],
    ['answers a public address, then 127.0.0.1', 'mixed.test', /mixed\.test resolves to 127\.0\.0\.1/],
    ['answers IPv4-mapped loopback over AAAA', 'mapped.test', /loopback/],
  ])('refuses a name that %s', async (_label, name, message) => {
    const result = await strict().get(`http://${name}:${web.port}/`);
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked_target' } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect(web.seen).toHaveLength(0);
  });

  it('refuses a name that resolves to the IPv6 metadata address', async () => {
    const result = await strict().get('http://metadata.test/latest/');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'blocked_target', message: expect.stringMatching(/cloud metadata/) },
    });
  });

  it('connects to the very address the resolver gave once its range is allowed', async () => {
    const client = new HttpClient({ ...FAST_HTTP, retries: 0, allow: ['127.0.0.0/8'], resolve });
    expect(await client.get(`http://inside.test:${web.port}/`)).toMatchObject({ ok: true, response: { status: 200 } });
    expect(web.seen[0]?.headers.host).toBe(`inside.test:${web.port}`);
  });

  it('an unknown name is a network error, not a refusal', async () => {
    expect(await strict().get('http://nowhere.test/')).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('refuses localhost through the system resolver', async () => {
    const client = new HttpClient({ ...FAST_HTTP, retries: 0, allow: [] });
    const result = await client.get(`http://localhost:${web.port}/`);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'blocked_target', message: expect.stringMatching(/loopback/) },
    });
    expect(web.seen).toHaveLength(0);
  });
});

describe('a refused target is a source error, never a crash', () => {
  it('RDAP servers named by the bootstrap on refused addresses end as blocked_target, and the domain stays unknown', async () => {
    const checker = createDomainChecker({
      rdap: { bootstrapUrl: `${web.url}/rdap/bootstrap.json` },
      status: { provider: 'none' },
      dns: null,
      http: { ...FAST_HTTP, retries: 0, allow: [`127.0.0.1:${web.port}`], resolve },
    });
    for (const domain of ['example.com', 'example.net']) {
      const checked = await checker.checkAndClassify(domain, { now: new Date() });
      expect(checked.evidence.rdap).toMatchObject({ ok: false, error: { code: 'blocked_target' } });
      expect(checked.classification.stage).toBe('unknown');
    }
    expect(web.seen.map((s) => s.path)).toEqual(['/rdap/bootstrap.json']);
  });
});
