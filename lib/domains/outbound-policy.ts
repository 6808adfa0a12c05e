import net from 'node:net';

// Where outbound requests (RDAP, status APIs, later webhooks) may connect. A registry, a bootstrap
// entry or a redirect names the host, so whoever controls one of them could otherwise point us at
// our own network: the loopback admin port, a database, the cloud metadata service. Only public
// unicast addresses are reachable unless the operator allows more (GK_OUTBOUND_ALLOW), e.g. the
// local protocol server on 127.0.0.1 that `npm start` and the tests use.

/** Ranges refused by default, each with the words an error message uses. Order: the first match names the address. */
const REFUSED_RANGES: [label: string, cidrs: string[]][] = [
  ['cloud metadata', ['169.254.169.254/32', 'fd00:ec2::254/128']],
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']],
  ['shared (carrier-grade NAT)', ['100.64.0.0/10']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10', 'fec0::/10']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  // Special-purpose blocks (RFC 6890): documentation, benchmarking, 6to4 relays, the class E block
  // with 255.255.255.255, IPv4-compatible IPv6 (deprecated), discard, Teredo, 6to4, local NAT64.
  [
    'reserved',
    [
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '240.0.0.0/4',
      '::/96',
      '100::/64',
      '2001::/32',
      '2001:db8::/32',
      '2002::/16',
      '64:ff9b:1::/48',
    ],
  ],
];

function blockList(cidrs: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [ip, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(ip, Number(prefix), net.isIPv6(ip) ? 'ipv6' : 'ipv4');
  }
  return list;
}

const REFUSED = REFUSED_RANGES.map(([label, cidrs]) => ({ label, list: blockList(cidrs) }));

/** The IPv4 address inside a NAT64 address (64:ff9b::/96, RFC 6052), which BlockList does not map itself. */
function nat64Embedded(ip: string): string | null {
  const match = /^64:ff9b::(?:ffff:)?(.+)$/i.exec(ip);
  if (!match?.[1]) return null;
  if (net.isIPv4(match[1])) return match[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(match[1]);
  if (!hex) return null;
  const n = (Number.parseInt(hex[1]!, 16) << 16) | Number.parseInt(hex[2]!, 16);
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Which refused range holds `ip` ("loopback", "private" …), or null for a public address. IPv4-mapped IPv6 counts as its IPv4. */
export function refusedRange(ip: string): string | null {
  const family = net.isIP(ip);
  if (family === 0) return 'malformed';
  const embedded = family === 6 ? nat64Embedded(ip) : null;
  if (embedded) return refusedRange(embedded);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  return REFUSED.find((r) => r.list.check(ip, type))?.label ?? null;
}

export type AllowEntry =
  | { kind: 'cidr'; ip: string; prefix: number }
  | { kind: 'host'; host: string; port: number | null };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/** One GK_OUTBOUND_ALLOW entry: `host`, `host:port`, `[v6]:port`, an IP, or a CIDR (`10.0.0.0/8`, `fd00::/8`). */
export function parseAllowEntry(raw: string): { ok: true; entry: AllowEntry } | { ok: false; message: string } {
  const text = raw.trim().toLowerCase();
  const bad = (why: string) => ({ ok: false as const, message: `${JSON.stringify(raw)} ${why}` });
  if (text.includes('/')) {
    const [ip = '', prefixText = '', ...rest] = text.split('/');
    const family = net.isIP(ip);
    const prefix = Number(prefixText);
    if (rest.length || family === 0 || !/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
      return bad('is not a CIDR block (e.g. 10.0.0.0/8 or fd00::/8)');
    }
    return { ok: true, entry: { kind: 'cidr', ip, prefix } };
  }
  if (net.isIPv6(text)) return { ok: true, entry: { kind: 'host', host: text, port: null } };
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  if (!match || !host || (match[1] && !net.isIPv6(host)) || (match[2] && !net.isIPv4(host) && !HOSTNAME.test(host))) {
    return bad('is not a host, host:port or CIDR block');
  }
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port !== null && (port < 1 || port > 65535)) return bad('has a port outside 1-65535');
  return { ok: true, entry: { kind: 'host', host: host.replace(/\.$/, ''), port } };
}

export class OutboundPolicy {
  private readonly hosts: { host: string; port: number | null }[] = [];
  private readonly allowed = new net.BlockList();

  /** Throws a TypeError naming the first unreadable entry. */
  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const parsed = parseAllowEntry(raw);
      if (!parsed.ok) throw new TypeError(`outbound allow-list: ${parsed.message}`);
      const { entry } = parsed;
      if (entry.kind === 'host') this.hosts.push(entry);
      else this.allowed.addSubnet(entry.ip, entry.prefix, net.isIPv6(entry.ip) ? 'ipv6' : 'ipv4');
    }
  }

  /**
   * A host the operator named (host or host:port): connected to whatever it resolves to, and the
   * only kind of target an https → http redirect may go to (a local development server).
   */
  allowsHost(hostname: string, port: number): boolean {
    const host = hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    return this.hosts.some((h) => h.host === host && (h.port === null || h.port === port));
  }

  /** Why we refuse to connect to `ip` ("loopback", …), or null when it is public or inside an allowed CIDR block. */
  addressRefusal(ip: string): string | null {
    const range = refusedRange(ip);
    if (range === null || range === 'malformed') return range;
    return this.allowed.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4') ? null : range;
  }
}

/** The port a URL connects to, default ports included. */
export function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
