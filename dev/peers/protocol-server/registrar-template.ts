import type { DomainRecord, RawResponse } from '@/dev/peers/protocol-server/records';

// Registrar RDAP, as the registries' `related` links reach it. Bodies are shaped like the recorded
// registrar answers in test/fixtures/rdap (markmonitor_google.com_2024-07-29.json): dates written
// `2028-09-13T07:00:00.000+0000`, a non-standard `last update` event, the registry's ROID as handle,
// and a registrar entity carrying its own (accreditation) `registrar expiration`, long past, which is
// not the domain's. Served under /rdap-registrar/<registrar>/domain/<name> of the local server.

const RDAP_JSON = 'application/rdap+json';

/** Path segment naming a registrar: "NameCheap, Inc." → "namecheapinc". */
export function registrarSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 20) || 'registrar'
  );
}

/** Where a registry answer's `related` link points for `record` on the server at `origin`. */
export function registrarLinkFor(record: DomainRecord, origin: string, name: string): string | null {
  const registrar = record.rdap?.registrar;
  return registrar ? `${origin}/rdap-registrar/${registrarSlug(registrar.name)}/domain/${name}` : null;
}

/** MarkMonitor's spelling of an instant: milliseconds and an offset without a colon. */
const stamp = (iso: string) => iso.replace(/\.\d+Z$|Z$/, '.000+0000');

/**
 * GET /rdap-registrar/<registrar>/domain/<name>. `moved` marks the path a redirect leads to: a record
 * with `registrarRdap.redirect` answers the first path with 302 to it.
 */
export function registrarDomain(
  record: DomainRecord | undefined,
  path: { registrar: string; name: string; moved: boolean },
  origin: string,
  now: Date,
): RawResponse {
  const notFound: RawResponse = {
    status: 404,
    contentType: RDAP_JSON,
    body: JSON.stringify({ errorCode: 404, title: 'Not Found', description: [`${path.name} not found`] }),
  };
  if (record?.responses?.registrar) return record.responses.registrar;
  const reg = record?.rdap;
  const own = record?.registrarRdap ?? {};
  if (!reg || own.missing || registrarSlug(reg.registrar.name) !== path.registrar) return notFound;
  if (own.redirect && !path.moved) {
    const location = `${origin}/rdap-registrar/${path.registrar}/v2/domain/${path.name}`;
    return { status: 302, headers: { location }, body: '' };
  }
  const expiresAt = own.expiresAt === undefined ? reg.expiresAt : own.expiresAt;
  const events = [
    { eventAction: 'registration', eventDate: stamp(own.registeredAt ?? reg.registeredAt) },
    ...(expiresAt
      ? [
          { eventAction: 'expiration', eventDate: stamp(expiresAt) },
          { eventAction: 'registrar expiration', eventDate: stamp(expiresAt) },
        ]
      : []),
    ...(reg.lastChangedAt ? [{ eventAction: 'last update', eventDate: stamp(reg.lastChangedAt) }] : []),
    { eventAction: 'last update of RDAP database', eventDate: stamp(now.toISOString()) },
  ];
  const self = `${origin}/rdap-registrar/${path.registrar}${path.moved ? '/v2' : ''}/domain/${path.name}`;
  const body = {
    objectClassName: 'domain',
    handle: own.handle ?? reg.handle,
    ldhName: path.name.toLowerCase(),
    links: [{ value: self, rel: 'self', href: self, type: RDAP_JSON }],
    status: own.statuses ?? reg.statuses.filter((s) => s.startsWith('client') || s === 'active'),
    events,
    entities: [
      {
        objectClassName: 'entity',
        handle: reg.registrar.ianaId ?? path.registrar,
        roles: ['registrar'],
        ...(reg.registrar.ianaId
          ? { publicIds: [{ type: 'IANA Registrar ID', identifier: reg.registrar.ianaId }] }
          : {}),
        vcardArray: [
          'vcard',
          [
            ['version', {}, 'text', '4.0'],
            ['org', {}, 'text', reg.registrar.name],
          ],
        ],
        events: [{ eventAction: 'registrar expiration', eventDate: '2020-09-14T04:00:00.000+0000' }],
      },
    ],
    nameservers: reg.nameservers.map((ns) => ({ objectClassName: 'nameserver', ldhName: ns })),
    rdapConformance: ['rdap_level_0', 'icann_rdap_response_profile_0', 'icann_rdap_technical_implementation_guide_0'],
    notices: [{ title: 'Terms of Use', description: ['Registrar RDAP of the Gravekeeper local protocol server.'] }],
  };
  return { status: 200, contentType: RDAP_JSON, body: JSON.stringify(body) };
}
