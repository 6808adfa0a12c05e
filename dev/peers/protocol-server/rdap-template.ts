import type { DomainRecord, RawResponse } from '@/dev/peers/protocol-server/records';
import { registrarLinkFor } from '@/dev/peers/protocol-server/registrar-template';

// RDAP bodies shaped like the recorded real responses in test/fixtures/rdap: Verisign's thin .com
// answers (upper-case ldhName, escaped slashes, `related` link to the registrar), Nominet's trailing
// dots, Google Registry's millisecond dates. Each RDAP "server" below is a path prefix of the local
// server, listed in the bootstrap it serves, so per-server behaviour and limits can be exercised.

export type Flavour = 'verisign' | 'pir' | 'google' | 'identity' | 'nominet' | 'centralnic';

export const RDAP_SERVERS: readonly { id: Flavour; tlds: readonly string[] }[] = [
  { id: 'verisign', tlds: ['com', 'net'] },
  { id: 'pir', tlds: ['org'] },
  { id: 'google', tlds: ['dev', 'app', 'page'] },
  { id: 'identity', tlds: ['io', 'ai', 'tech'] },
  { id: 'nominet', tlds: ['uk'] },
  { id: 'centralnic', tlds: ['xyz', 'site', 'online'] },
];

/** Zones the status APIs know but the bootstrap does not list (like .de in the real IANA file). */
export const ZONES_WITHOUT_RDAP = ['de', 'ch'] as const;

export function flavourOf(domain: string): Flavour | null {
  const tld = domain.split('.').pop() ?? '';
  return RDAP_SERVERS.find((s) => s.tlds.includes(tld))?.id ?? null;
}

const RDAP_JSON = 'application/rdap+json';

const NOTICES = [
  {
    title: 'Terms of Use',
    description: ['Service subject to Terms of Use.'],
    links: [{ href: 'https://gravekeeper.local/rdap-terms', type: 'text/html' }],
  },
  {
    title: 'Status Codes',
    description: ['For more information on domain status codes, please visit https://icann.org/epp'],
    links: [{ href: 'https://icann.org/epp', type: 'text/html' }],
  },
  {
    title: 'RDDS Inaccuracy Complaint Form',
    description: ['URL of the ICANN RDDS Inaccuracy Complaint Form: https://icann.org/wicf'],
    links: [{ href: 'https://icann.org/wicf', type: 'text/html' }],
  },
];

function stamp(iso: string, flavour: Flavour): string {
  // Registries format the same instant differently; the parser must cope with all of these.
  if (flavour === 'verisign') return iso.replace(/\.\d+Z$/, 'Z');
  if (flavour === 'centralnic') return iso.replace(/\.\d+Z$/, '.0Z');
  return iso;
}

/** `registrarOrigin`: where the `related` links point (default: this server's own origin). */
export function rdapDomainBody(
  record: DomainRecord,
  baseUrl: string,
  now: Date,
  registrarOrigin?: string,
): RawResponse {
  const reg = record.rdap;
  if (!reg) return rdapNotFound(record.name, baseUrl);
  const flavour = flavourOf(record.name) ?? 'pir';
  const name = flavour === 'verisign' ? record.name.toUpperCase() : record.name;
  const self = `${baseUrl}domain/${name}`;
  const origin = new URL(baseUrl).origin;
  const events: { eventAction: string; eventDate: string }[] = [
    { eventAction: 'registration', eventDate: stamp(reg.registeredAt, flavour) },
  ];
  if (reg.expiresAt) events.push({ eventAction: 'expiration', eventDate: stamp(reg.expiresAt, flavour) });
  if (reg.lastChangedAt) events.push({ eventAction: 'last changed', eventDate: stamp(reg.lastChangedAt, flavour) });
  if (reg.transferredAt) events.push({ eventAction: 'transfer', eventDate: stamp(reg.transferredAt, flavour) });
  if (reg.deletionAt) events.push({ eventAction: 'deletion', eventDate: stamp(reg.deletionAt, flavour) });
  events.push({ eventAction: 'last update of RDAP database', eventDate: stamp(now.toISOString(), flavour) });

  const registrar = {
    objectClassName: 'entity',
    handle: reg.registrar.ianaId ?? reg.registrar.name.toUpperCase().replace(/[^A-Z0-9]+/g, '-'),
    roles: ['registrar'],
    ...(reg.registrar.ianaId ? { publicIds: [{ type: 'IANA Registrar ID', identifier: reg.registrar.ianaId }] } : {}),
    vcardArray: [
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', reg.registrar.name],
      ],
    ],
  };
  const links: Record<string, string>[] = [{ value: self, rel: 'self', href: self, type: RDAP_JSON }];
  // Thin .com/.net answers (and Identity Digital's) link to the registrar's RDAP record, which this
  // server also serves (registrar-template.ts), as real registries link to the registrar's server.
  const related =
    flavour === 'verisign' || flavour === 'identity' ? registrarLinkFor(record, registrarOrigin ?? origin, name) : null;
  if (related) links.push({ value: self, rel: 'related', href: related, type: RDAP_JSON });
  const body = {
    objectClassName: 'domain',
    handle: reg.handle,
    ldhName: name,
    links,
    status: reg.statuses,
    entities: [registrar],
    events,
    secureDNS: { delegationSigned: false },
    nameservers: reg.nameservers.map((ns) => ({
      objectClassName: 'nameserver',
      ldhName: flavour === 'verisign' ? ns.toUpperCase() : flavour === 'nominet' ? `${ns}.` : ns,
    })),
    rdapConformance: ['rdap_level_0', 'icann_rdap_technical_implementation_guide_1', 'icann_rdap_response_profile_1'],
    notices: NOTICES,
  };
  const json = JSON.stringify(body);
  // Verisign escapes every slash (`https:\/\/…`), which is valid JSON that naive string matching misses.
  return { status: 200, contentType: RDAP_JSON, body: flavour === 'verisign' ? json.replaceAll('/', '\\/') : json };
}

export function rdapNotFound(name: string, baseUrl: string): RawResponse {
  // Verisign answers an unregistered .com with 404 and no body at all; others send an error object.
  if (flavourOf(name) === 'verisign') return { status: 404, contentType: RDAP_JSON, body: '' };
  const body = {
    rdapConformance: ['rdap_level_0', 'icann_rdap_response_profile_1'],
    lang: 'en',
    errorCode: 404,
    title: 'Not Found',
    description: [`${name} not found`],
    links: [{ rel: 'self', href: `${baseUrl}domain/${name}`, type: RDAP_JSON }],
    notices: NOTICES.slice(0, 1),
  };
  return { status: 404, contentType: RDAP_JSON, body: JSON.stringify(body) };
}
