import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { authenticate, LOGIN_LIMITS } from '@/lib/auth/authenticate';
import { hashPassword } from '@/lib/auth/password';
import { requestClientIp } from '@/lib/auth/request-ip';
import { setupTestDatabase } from '../../support/test-db';

// The whole path a login's client address takes: a real HTTP request from 127.0.0.1, the preload
// `npm start` gives the web server (stamps the TCP peer), Next's own `x-forwarded-for ??= peer`,
// requestClientIp, and the per-address limit in authenticate.
createRequire(import.meta.url)(path.resolve(import.meta.dirname, '../../../scripts/start/peer-address.cjs'));

const t = setupTestDatabase();
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    req.headers['x-forwarded-for'] ??= req.socket.remoteAddress; // what next/dist/server/base-server.js does
    const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    const ip = requestClientIp(headers, { kind: 'none' });
    const { username = '', password = '' } = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    res.end(JSON.stringify({ ip, result: await authenticate(t.db, { username, password, ip }) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function login(username: string, password: string, forwardedFor: string) {
  const res = await fetch(`${base}/?${new URLSearchParams({ username, password })}`, {
    headers: { 'x-forwarded-for': forwardedFor, 'x-gk-peer': forwardedFor },
  });
  return (await res.json()) as { ip: string; result: Awaited<ReturnType<typeof authenticate>> };
}

describe('per-address login limit with a forged X-Forwarded-For', () => {
  it('counts every attempt against the real peer, however the header rotates', async () => {
    await t.db
      .insert(users)
      .values({ username: 'ivy', name: 'ivy', role: 'user', passwordHash: await hashPassword('ivy the right one') });
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) {
      const { ip, result } = await login(`spray${i}`, 'guess', `203.0.${i}.7, 198.51.100.${i}`);
      expect(ip).toBe('127.0.0.1');
      expect(result).toEqual({ ok: false, reason: 'invalid' });
    }
    const last = await login('ivy', 'ivy the right one', '192.0.2.222');
    expect(last).toMatchObject({ ip: '127.0.0.1', result: { ok: false, reason: 'rate_limited' } });
  });
});
