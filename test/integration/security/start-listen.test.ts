import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '@/db/runtime';
import { startSmtpSink } from '@/dev/peers/smtp-sink';
import { startProtocolServer } from '@/dev/peers/protocol-server/server';
import { PEER_HOST } from '@/scripts/start/exposure';

// What `npm start` runs beside the web server (protocol server, SMTP sink, embedded PostgreSQL)
// listens on loopback only: none of them asks for credentials that a stranger would lack.

const outside = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

/** null when a TCP connection opens, else the error code. */
function connectResult(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** Whether a UDP socket can take host:port: it cannot while another socket holds the wildcard address. */
function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

describe('the local peers of npm start listen on loopback only', () => {
  it('the protocol server (HTTP) and the SMTP sink bind 127.0.0.1', async () => {
    const protocol = await startProtocolServer({ host: PEER_HOST, domains: [] });
    const sink = await startSmtpSink({ host: PEER_HOST, store: () => {} });
    try {
      expect(PEER_HOST).toBe('127.0.0.1');
      expect(protocol.host).toBe('127.0.0.1');
      expect(protocol.env.DNS_SERVERS).toBe(`127.0.0.1:${protocol.port}`);
      expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
      expect(await connectResult('127.0.0.1', protocol.port)).toBeNull();
      expect(await connectResult('127.0.0.1', sink.port)).toBeNull();
      if (outside) {
        // DNS (UDP, same port number): bound to 127.0.0.1, so the outside address is still free.
        expect(await udpFree(outside, protocol.port)).toBe(true);
        expect(await connectResult(outside, protocol.port)).toBe('ECONNREFUSED');
        expect(await connectResult(outside, sink.port)).toBe('ECONNREFUSED');
      }
    } finally {
      await protocol.close();
      await sink.close();
    }
  });

  it.skipIf(!outside)('the check would catch a bind to every interface (control)', async () => {
    const sink = await startSmtpSink({ host: '0.0.0.0', store: () => {} });
    try {
      expect(await connectResult(outside!, sink.port)).toBeNull();
    } finally {
      await sink.close();
    }
  });

  describe('embedded PostgreSQL', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-listen-'));
    fs.chmodSync(dataDir, 0o755);
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('listens on 127.0.0.1 only', async () => {
      const database = await resolveDatabase({ dataDir });
      try {
        const sql = postgres(database.url, { max: 1, onnotice: () => {} });
        const [row] = await sql`show listen_addresses`;
        await sql.end();
        expect(row!.listen_addresses).toBe('127.0.0.1');
        const port = Number(new URL(database.url).port);
        if (outside) expect(await connectResult(outside, port)).toBe('ECONNREFUSED');
      } finally {
        await database.stop();
      }
    });
  });
});
