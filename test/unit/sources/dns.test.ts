import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClient } from '@/lib/domains/dns';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type DnsServer, startDnsServer } from '@/dev/peers/protocol-server/dns-server';
import type { DnsRecord } from '@/dev/peers/protocol-server/records';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';

// A real UDP responder on 127.0.0.1 (hand-written wire format), queried through node:dns.

const ZONE: Record<string, DnsRecord> = {
  'alice-dev.io': {
    kind: 'records',
    ns: ['NS2.Example.NET.', 'ns1.example.net'],
    mx: ['mx1.mail.example', 'mx2.mail.example'],
  },
  'no-mail.org': { kind: 'records', ns: ['ns1.example.net'], mx: [] },
  'empty.dev': { kind: 'records', ns: [], mx: [] },
  'broken.com': { kind: 'fault', fault: 'servfail' },
  'refusing.com': { kind: 'fault', fault: 'refused' },
  'silent.com': { kind: 'fault', fault: 'timeout' },
  'gone.com': { kind: 'nxdomain' },
};

let dns: DnsServer;
let servers: string[];
beforeAll(async () => {
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, lookup: (name) => ZONE[name] });
  servers = [`127.0.0.1:${dns.port}`];
});
afterAll(() => dns.close());

describe('DNS source', () => {
  it('returns NS and MX, normalised and sorted', async () => {
    expect(await createDnsClient({ servers }).lookup('alice-dev.io')).toMatchObject({
      ok: true,
      value: {
        nxdomain: false,
        nameservers: ['ns1.example.net', 'ns2.example.net'],
        mx: ['mx1.mail.example', 'mx2.mail.example'],
      },
    });
  });

  it('reads NOERROR without records as "no records", not NXDOMAIN', async () => {
    const client = createDnsClient({ servers });
    expect(await client.lookup('no-mail.org')).toMatchObject({
      ok: true,
      value: { nxdomain: false, nameservers: ['ns1.example.net'], mx: [] },
    });
    expect(await client.lookup('empty.dev')).toMatchObject({
      ok: true,
      value: { nxdomain: false, nameservers: [], mx: [] },
    });
  });

  it.each(['gone.com', 'never-heard-of.xyz'])('reads NXDOMAIN for %s as evidence', async (name) => {
    expect(await createDnsClient({ servers }).lookup(name)).toMatchObject({
      ok: true,
      value: { nxdomain: true, nameservers: [], mx: [] },
    });
  });

  it.each([
    ['SERVFAIL', 'broken.com', 'ESERVFAIL'],
    ['REFUSED', 'refusing.com', 'EREFUSED'],
  ])('reads %s as a source error, not evidence', async (_label, name, code) => {
    expect(await createDnsClient({ servers, tries: 1 }).lookup(name)).toMatchObject({
      ok: false,
      error: { code: 'network', message: expect.stringContaining(code) },
    });
  });

  it('reads silence as a timeout', async () => {
    expect(await createDnsClient({ servers, timeoutMs: 150, tries: 1 }).lookup('silent.com')).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    });
  });
});

describe('DNS served by the protocol server on its own port number', () => {
  let server: ProtocolServer;
  const now = new Date('2026-10-06T12:00:00Z');
  beforeAll(async () => {
    server = await startProtocolServer({
      now: () => now,
      domains: [recordFor('active', 'pyutils.org', now), recordFor('redemption', 'fastcsv.dev', now)],
    });
  });
  afterAll(() => server.close());

  it('answers from the dataset', async () => {
    const client = createDnsClient({ servers: [server.env.DNS_SERVERS ?? ''] });
    expect(server.env.DNS_SERVERS).toBe(`127.0.0.1:${server.port}`);
    const active = await client.lookup('pyutils.org');
    expect(active).toMatchObject({ ok: true, value: { nxdomain: false } });
    if (active.ok) expect(active.value.nameservers.length).toBeGreaterThan(0);
    expect(await client.lookup('fastcsv.dev')).toMatchObject({ ok: true, value: { nxdomain: true } });
  });
});
