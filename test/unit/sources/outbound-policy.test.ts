import { describe, expect, it } from 'vitest';
import { sourcesConfigFromEnv } from '@/lib/domains/check';
import { HttpClient } from '@/lib/domains/http';
import { OutboundPolicy, parseAllowEntry, refusedRange } from '@/lib/domains/outbound-policy';
import { envSchema } from '@/lib/env';

// Which addresses outbound requests refuse, and how GK_OUTBOUND_ALLOW is read.

describe('refusedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['100.127.255.254', 'shared (carrier-grade NAT)'],
    ['169.254.169.254', 'cloud metadata'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['not-an-ip', 'malformed'],
  ])('%s is %s', (ip, range) => {
    expect(refusedRange(ip)).toBe(range);
  });

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('%s is public', (ip) => {
    expect(refusedRange(ip)).toBeNull();
  });
});

describe('allow-list entries', () => {
  it.each([
    ['127.0.0.1:4010', { kind: 'host', host: '127.0.0.1', port: 4010 }],
    ['LocalHost', { kind: 'host', host: 'localhost', port: null }],
    ['rdap.dev.test:8443', { kind: 'host', host: 'rdap.dev.test', port: 8443 }],
    ['[::1]:4010', { kind: 'host', host: '::1', port: 4010 }],
    ['::1', { kind: 'host', host: '::1', port: null }],
    ['10.0.0.0/8', { kind: 'cidr', ip: '10.0.0.0', prefix: 8 }],
    ['fd00::/8', { kind: 'cidr', ip: 'fd00::', prefix: 8 }],
  ])('reads %s', (raw, entry) => {
    expect(parseAllowEntry(raw)).toEqual({ ok: true, entry });
  });

  it.each(['10.0.0.0/33', 'http://localhost', 'host:0', 'host:99999', '[localhost]:80', 'a b', '10.0.0.0/x', ''])(
    'refuses %j',
    (raw) => {
      expect(parseAllowEntry(raw).ok).toBe(false);
    },
  );

  it('a CIDR entry allows addresses; a host entry allows a name and port', () => {
    const policy = new OutboundPolicy(['10.1.0.0/16', 'localhost:4010']);
    expect(policy.addressRefusal('10.1.2.3')).toBeNull();
    expect(policy.addressRefusal('10.2.0.1')).toBe('private');
    expect(policy.addressRefusal('127.0.0.1')).toBe('loopback');
    expect(policy.allowsHost('LOCALHOST', 4010)).toBe(true);
    expect(policy.allowsHost('localhost', 4011)).toBe(false);
  });

  it('an unreadable entry stops the client from being built', () => {
    expect(() => new HttpClient({ allow: ['http://127.0.0.1'] })).toThrow(
      /outbound allow-list: "http:\/\/127\.0\.0\.1" is not/,
    );
  });
});

describe('GK_OUTBOUND_ALLOW', () => {
  it('is empty (strict) by default and reaches the checker config', () => {
    expect(envSchema.parse({}).GK_OUTBOUND_ALLOW).toEqual([]);
    const env = envSchema.parse({ GK_OUTBOUND_ALLOW: '127.0.0.1:4010, 10.0.0.0/8' });
    expect(env.GK_OUTBOUND_ALLOW).toEqual(['127.0.0.1:4010', '10.0.0.0/8']);
    expect(sourcesConfigFromEnv(env).http?.allow).toEqual(['127.0.0.1:4010', '10.0.0.0/8']);
  });

  it('configuring a loopback source URL is not an allowance', () => {
    const env = envSchema.parse({ RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:4010/rdap/bootstrap/dns.json' });
    expect(sourcesConfigFromEnv(env).http?.allow).toEqual([]);
  });

  it('refuses an unreadable entry with its words', () => {
    const parsed = envSchema.safeParse({ GK_OUTBOUND_ALLOW: '127.0.0.1:4010,10.0.0.0/40' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/"10\.0\.0\.0\/40" is not a CIDR block/);
  });
});
