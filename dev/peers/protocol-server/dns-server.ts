import dgram from 'node:dgram';
import type { DnsRecord } from '@/dev/peers/protocol-server/records';

// A minimal authoritative DNS responder over UDP (RFC 1035 wire format, written by hand: we need a
// few bytes of it, not a library). It answers NS, MX, A and AAAA from the dataset, NXDOMAIN for unknown names,
// and can play SERVFAIL / REFUSED / silence so the DNS source's error handling can be tested.

const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_MX = 15;
const TYPE_AAAA = 28;
const RCODE = { noError: 0, serverFailure: 2, nameError: 3, refused: 5 } as const;

interface Question {
  id: number;
  flags: number;
  name: string;
  type: number;
  /** The question section as received, echoed back verbatim. */
  raw: Buffer;
}

export function parseQuery(msg: Buffer): Question | null {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let off = 12;
  for (;;) {
    const len = msg[off];
    if (len === undefined || len > 63) return null; // compression never appears in a question we accept
    off += 1;
    if (len === 0) break;
    labels.push(msg.toString('latin1', off, off + len));
    off += len;
  }
  if (off + 4 > msg.length) return null;
  return {
    id: msg.readUInt16BE(0),
    flags: msg.readUInt16BE(2),
    name: labels.join('.').toLowerCase(),
    type: msg.readUInt16BE(off),
    raw: msg.subarray(12, off + 4),
  };
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')])),
    Buffer.from([0]),
  ]);
}

function answer(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // pointer to the question's name at offset 12
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // class IN
  head.writeUInt32BE(300, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

export function buildResponse(q: Question, rcode: number, answers: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  // QR, the query's opcode and RD, AA, RA, and the response code.
  header.writeUInt16BE(0x8000 | (q.flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, q.raw, ...answers]);
}

/** The reply for a question, or null to stay silent (a timeout for the client). */
export function respond(q: Question, record: DnsRecord | undefined): Buffer | null {
  if (!record || record.kind === 'nxdomain') return buildResponse(q, RCODE.nameError, []);
  if (record.kind === 'fault') {
    if (record.fault === 'timeout') return null;
    return buildResponse(q, record.fault === 'servfail' ? RCODE.serverFailure : RCODE.refused, []);
  }
  if (q.type === TYPE_NS)
    return buildResponse(
      q,
      RCODE.noError,
      record.ns.map((ns) => answer(TYPE_NS, encodeName(ns))),
    );
  if (q.type === TYPE_MX) {
    const mx = record.mx.map((host, i) => {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(10 * (i + 1), 0);
      return answer(TYPE_MX, Buffer.concat([pref, encodeName(host)]));
    });
    return buildResponse(q, RCODE.noError, mx);
  }
  if (q.type === TYPE_A)
    return buildResponse(
      q,
      RCODE.noError,
      (record.a ?? []).map((ip) => answer(TYPE_A, Buffer.from(ip.split('.').map(Number)))),
    );
  if (q.type === TYPE_AAAA)
    return buildResponse(
      q,
      RCODE.noError,
      (record.aaaa ?? []).map((ip) => answer(TYPE_AAAA, ipv6Bytes(ip))),
    );
  return buildResponse(q, RCODE.noError, []); // NODATA for other types
}

function ipv6Bytes(text: string): Buffer {
  // A trailing dotted quad (::ffff:127.0.0.1) becomes its two hex groups.
  const ip = text.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a, b, c, d) => `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  const out = Buffer.alloc(16);
  for (const [i, g] of groups.entries()) out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return out;
}

export interface DnsServer {
  port: number;
  queries: number;
  close(): Promise<void>;
}

export function startDnsServer(options: {
  host: string;
  port: number;
  lookup: (name: string) => DnsRecord | undefined;
}): Promise<DnsServer> {
  const socket = dgram.createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
  const server: DnsServer = {
    port: 0,
    queries: 0,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (msg, rinfo) => {
    const q = parseQuery(msg);
    if (!q) return;
    server.queries += 1;
    const reply = respond(q, options.lookup(q.name));
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      server.port = socket.address().port;
      resolve(server);
    });
  });
}
