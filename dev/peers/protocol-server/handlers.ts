import { getPublicSuffix } from 'tldts';
import {
  flavourOf,
  RDAP_SERVERS,
  rdapDomainBody,
  rdapNotFound,
  ZONES_WITHOUT_RDAP,
} from '@/dev/peers/protocol-server/rdap-template';
import type { DomainRecord, RawResponse } from '@/dev/peers/protocol-server/records';

// The protocol endpoints: RDAP bootstrap and domain lookups, Domainr v2 and Fastly status. Pure
// functions from (request, dataset) to a response, so server.ts only does I/O, faults and counting.

const JSON_TYPE = 'application/json';

export interface Dataset {
  get(name: string): DomainRecord | undefined;
}

export function json(status: number, body: unknown, contentType = JSON_TYPE): RawResponse {
  return { status, contentType, body: JSON.stringify(body) };
}

/** RFC 9224 file listing every RDAP "server" of this process; `hosts` spreads servers over host names. */
export function bootstrapBody(hosts: string[], now: Date): RawResponse {
  const services = RDAP_SERVERS.map((server, i) => [
    server.tlds,
    [`http://${hosts[i % hosts.length]}/rdap/${server.id}/`],
  ]);
  return json(200, {
    version: '1.0',
    publication: now.toISOString(),
    description: 'RDAP bootstrap of the Gravekeeper local protocol server',
    services,
  });
}

/** GET /rdap/<server>/domain/<name> */
export function rdapDomain(
  serverId: string,
  name: string,
  dataset: Dataset,
  baseUrl: string,
  now: Date,
  registrarOrigin?: string,
): RawResponse {
  const record = dataset.get(name);
  if (record?.responses?.rdap) return record.responses.rdap;
  // A registry only knows its own TLDs: asking the wrong server is a 404, as in real life.
  if (flavourOf(name) !== serverId) return rdapNotFound(name, baseUrl);
  if (!record) return rdapNotFound(name, baseUrl);
  return rdapDomainBody(record, baseUrl, now, registrarOrigin);
}

function knownZone(name: string): string | null {
  const zone = getPublicSuffix(name, { allowPrivateDomains: false });
  if (!zone) return null;
  const tld = zone.split('.').pop() ?? zone;
  const served =
    RDAP_SERVERS.some((s) => s.tlds.includes(tld)) || (ZONES_WITHOUT_RDAP as readonly string[]).includes(tld);
  return served ? zone : null;
}

function wordsFor(name: string, dataset: Dataset): string[] {
  // A name we have never heard of is, for the status APIs, simply available.
  return dataset.get(name)?.statusWords ?? ['undelegated', 'inactive'];
}

/** GET /v2/status?domain=…&client_id=… (Domainr v2). */
export function domainrStatus(
  params: URLSearchParams,
  dataset: Dataset,
  expectedClientId: string | undefined,
): RawResponse {
  const clientId = params.get('client_id');
  if (!clientId || (expectedClientId !== undefined && clientId !== expectedClientId)) {
    return json(401, { message: `unauthorized: invalid client ID: ${clientId ?? ''}` });
  }
  const name = normalise(params.get('domain') ?? '');
  const override = dataset.get(name)?.responses?.domainr;
  if (override) return override;
  const zone = knownZone(name);
  if (!zone) {
    const tld = name.split('.').pop() ?? '';
    return json(200, { status: [], errors: [{ code: 400, detail: `unknown zone: ${tld}`, message: 'Bad request' }] });
  }
  const words = wordsFor(name, dataset);
  return json(200, { status: [{ domain: name, zone, status: words.join(' '), summary: words.at(-1) ?? 'unknown' }] });
}

/** GET /domain-management/v1/tools/status?domain=… with Fastly-Key (Fastly Domain Research). */
export function fastlyStatus(
  params: URLSearchParams,
  key: string | undefined,
  dataset: Dataset,
  expectedKey: string | undefined,
): RawResponse {
  if (!key || (expectedKey !== undefined && key !== expectedKey)) {
    return json(401, { msg: 'Provided credentials are missing or invalid' });
  }
  const name = normalise(params.get('domain') ?? '');
  const override = dataset.get(name)?.responses?.fastly;
  if (override) return override;
  const zone = knownZone(name);
  // go-fastly's recorded answer for a name it cannot place.
  if (!zone) return json(400, { title: 'Domain not found', status: 400, detail: name });
  return json(200, { domain: name, zone, status: wordsFor(name, dataset).join(' '), tags: 'generic' });
}

export function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}
