import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientIp, type TrustedProxies, trustedProxiesSchema } from '@/lib/auth/client-ip';

const none: TrustedProxies = { kind: 'none' };
const hops = (n: number): TrustedProxies => ({ kind: 'hops', hops: n });
const cidrs = (...list: string[]): TrustedProxies => ({ kind: 'cidrs', cidrs: list });
const spoofs = [
  '1.1.1.1',
  '9.9.9.9, 8.8.8.8',
  'garbage',
  '',
  '203.0.113.7, 10.0.0.1',
  '::1',
  '2001:db8::1, 2001:db8::2',
];

describe('clientIp', () => {
  it('with no trusted proxy is the peer, whatever X-Forwarded-For says', () => {
    for (const xff of spoofs) expect(clientIp('198.51.100.4', xff, none)).toBe('198.51.100.4');
    expect(clientIp('198.51.100.4', null, none)).toBe('198.51.100.4');
  });

  it('behind one trusted hop is the entry that proxy appended, never one the client wrote', () => {
    // The proxy appends the address it saw; everything left of it is the client's to invent.
    for (const xff of spoofs) {
      const header = xff ? `${xff}, 192.0.2.50` : '192.0.2.50';
      expect(clientIp('10.0.0.2', header, hops(1))).toBe('192.0.2.50');
    }
  });

  it('counts hops like Express: 2 trusts the peer and the proxy before it', () => {
    expect(clientIp('10.0.0.2', 'evil, 192.0.2.50, 10.0.0.3', hops(2))).toBe('192.0.2.50');
    expect(clientIp('10.0.0.2', '192.0.2.50', hops(5))).toBe('192.0.2.50');
  });

  it('with CIDRs walks left past trusted proxies only', () => {
    const trusted = cidrs('10.0.0.0/8', 'loopback');
    expect(clientIp('10.0.0.2', 'evil, 192.0.2.50, 10.1.2.3, 127.0.0.1', trusted)).toBe('192.0.2.50');
    for (const xff of spoofs)
      expect(clientIp('10.0.0.2', xff ? `${xff}, 192.0.2.50` : '192.0.2.50', trusted)).toBe('192.0.2.50');
    // A peer outside the list is the client, and its header is ignored.
    expect(clientIp('203.0.113.9', '192.0.2.50', trusted)).toBe('203.0.113.9');
  });

  it('treats an IPv4 client on a dual-stack socket as the same address', () => {
    expect(clientIp('::ffff:198.51.100.4', '1.1.1.1', none)).toBe('198.51.100.4');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('parses unset, a hop count and a CIDR list, and refuses nonsense', () => {
    expect(trustedProxiesSchema.parse(undefined)).toEqual({ kind: 'none' });
    expect(trustedProxiesSchema.parse(' ')).toEqual({ kind: 'none' });
    expect(trustedProxiesSchema.parse('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(trustedProxiesSchema.parse('10.0.0.0/8, ::1,loopback')).toEqual({
      kind: 'cidrs',
      cidrs: ['10.0.0.0/8', '::1', 'loopback'],
    });
    expect(trustedProxiesSchema.safeParse('10.0.0.0/8,example.com').success).toBe(false);
    expect(trustedProxiesSchema.safeParse('10.0.0.0/99').success).toBe(false);
  });
});

// The preload `npm start` gives `next start` (scripts/start/peer-address.cjs), in a real process with
// a server shaped like Next's: http.createServer(listener) and `x-forwarded-for ??= socket address`.
describe('peer-address preload', () => {
  it('stamps every request with the TCP peer, overwriting a client-sent x-gk-peer', async () => {
    const preload = path.resolve(import.meta.dirname, '../../../scripts/start/peer-address.cjs');
    const server = `
      const http = require('node:http');
      const s = http.createServer((req, res) => {
        req.headers['x-forwarded-for'] ??= req.socket.remoteAddress;
        res.end(JSON.stringify({ peer: req.headers['x-gk-peer'], xff: req.headers['x-forwarded-for'],
          stamped: globalThis[Symbol.for('gravekeeper.peer-stamp')] === true }));
      });
      s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
    const child = spawn(process.execPath, ['-e', server], {
      env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(preload)}` },
    });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(String(d).trim()));
        child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { 'x-forwarded-for': '6.6.6.6', 'x-gk-peer': '7.7.7.7' },
      });
      const seen = (await res.json()) as { peer: string; xff: string; stamped: boolean };
      expect(seen).toEqual({ peer: '127.0.0.1', xff: '6.6.6.6', stamped: true });
      expect(clientIp(seen.peer, seen.xff, none)).toBe('127.0.0.1');
    } finally {
      child.kill();
    }
  });
});
