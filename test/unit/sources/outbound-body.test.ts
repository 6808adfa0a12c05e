import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '@/lib/domains/http';
import { FAST_HTTP } from './helpers';
import { type LocalServer, startLocalServer } from './local-http';

// Bodies are read as a byte-bounded stream: the limit counts bytes, not characters, and a body
// above it ends the read (and the connection) instead of being buffered.

const EURO = '€'; // 3 bytes in UTF-8
let server: LocalServer;
/** Resolves when the server sees the connection of the endless response closed. */
let endlessClosed: Promise<number>;

beforeAll(async () => {
  let closed: (bytes: number) => void = () => {};
  endlessClosed = new Promise((resolve) => {
    closed = resolve;
  });
  server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const n = Number(url.searchParams.get('n') ?? '0');
    if (url.pathname === '/endless') {
      // Streams forever, no Content-Length, until the client goes away.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let sent = 0;
      let stopped = false;
      res.on('close', () => {
        stopped = true;
        closed(sent);
      });
      const pump = () => {
        while (!stopped) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
      return;
    }
    if (url.pathname === '/euros') {
      // Chunked (no Content-Length), so only counting the stream can catch it.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`"${EURO.repeat(n)}"`);
      return;
    }
    if (url.pathname === '/declared') {
      const body = `"${EURO.repeat(n)}"`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (url.pathname === '/split') {
      // One euro sign split across two writes: the decoder must join the bytes.
      const bytes = Buffer.from(`"${EURO}"`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(bytes.subarray(0, 2));
      setTimeout(() => res.end(bytes.subarray(2)), 20);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('a'.repeat(n));
  });
});
afterAll(() => server?.close());

const client = (maxBodyBytes?: number) =>
  new HttpClient({
    ...FAST_HTTP,
    retries: 0,
    timeoutMs: 10_000,
    allow: [`127.0.0.1:${server.port}`],
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  });

describe('body size limit', () => {
  it('ends an endless body at the limit, and the server sees the connection closed', async () => {
    const result = await client(64 * 1024).get(`${server.url}/endless`);
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error: { code: 'too_large', message: expect.stringMatching(/above the 65536-byte limit/) },
    });
    const sent = await endlessClosed;
    // The server stops once the client goes: what it wrote is bounded by socket buffers, not endless.
    expect(sent).toBeGreaterThan(64 * 1024);
  });

  it('counts bytes, not characters: 1000 euro signs (3002 bytes) exceed a 2000-byte limit', async () => {
    const text = `"${EURO.repeat(1000)}"`;
    expect(text.length).toBeLessThan(2000);
    const result = await client(2000).get(`${server.url}/euros?n=1000`);
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('refuses a declared Content-Length above the limit before reading', async () => {
    const result = await client(2000).get(`${server.url}/declared?n=1000`);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'too_large', message: expect.stringMatching(/body of 3002 bytes/) },
    });
  });

  it('accepts a body of exactly the limit and decodes characters split across chunks', async () => {
    expect(await client(2000).get(`${server.url}/plain?n=2000`)).toMatchObject({
      ok: true,
      response: { body: 'a'.repeat(2000) },
    });
    expect(await client(3002).get(`${server.url}/euros?n=1000`)).toMatchObject({
      ok: true,
      response: { body: `"${EURO.repeat(1000)}"` },
    });
    expect(await client().get(`${server.url}/split`)).toMatchObject({ ok: true, response: { body: `"${EURO}"` } });
  });

  it('defaults to 1 MiB', async () => {
    const mib = 1024 * 1024;
    expect(await client().get(`${server.url}/plain?n=${mib}`)).toMatchObject({ ok: true });
    expect(await client().get(`${server.url}/plain?n=${mib + 1}`)).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    });
  });
});
