import type { DomainRecord } from '@/dev/peers/protocol-server/records';

// What a domain's DNS does when it lapses or is deleted while its registry record may still look
// healthy: the daily DNS probe (lib/probe/) watches for these. Each move changes only the `dns` part
// of a record; a test changes the registry part as the situation needs (e.g. a mid-term deletion
// is `pending_delete` at the registry and NXDOMAIN in DNS).

export const DNS_MOVES = ['nxdomain', 'parked', 'mx_removed'] as const;
export type DnsMove = (typeof DNS_MOVES)[number];

// Tucows' expired-domain name servers (lib/domains/parking-nameservers.ts has the source).
export const EXPIRED_NS = ['ns1.renewyourname.net', 'ns2.renewyourname.net'];

export function withDnsMove(record: DomainRecord, move: DnsMove): DomainRecord {
  switch (move) {
    case 'nxdomain':
      return { ...record, dns: { kind: 'nxdomain' } };
    case 'parked':
      return { ...record, dns: { kind: 'records', ns: EXPIRED_NS, mx: [] } };
    case 'mx_removed': {
      const ns = record.dns.kind === 'records' ? record.dns.ns : ['ns1.example-hosting.net', 'ns2.example-hosting.net'];
      return { ...record, dns: { kind: 'records', ns, mx: [] } };
    }
  }
}
