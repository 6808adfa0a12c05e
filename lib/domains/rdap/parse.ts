import { parseRdapDate } from '@/lib/domains/dates';
import { type JsonRecord, isRecord, nonEmptyString, normalizeHostName, records } from '@/lib/domains/json';
import { findRegistrar } from '@/lib/domains/rdap/registrar';
import { normalizeRdapStatuses } from '@/lib/domains/rdap/status';
import type { RdapDomain, SourceError } from '@/core/domains';

export type RdapParseResult = { ok: true; value: RdapDomain } | { ok: false; error: SourceError };

type EventField =
  | 'registeredAt'
  | 'expiresAt'
  | 'lastChangedAt'
  | 'transferredAt'
  | 'deletionAt'
  | 'registrarExpiresAt';

const EVENT_FIELDS = new Map<string, EventField>([
  ['registration', 'registeredAt'],
  ['expiration', 'expiresAt'],
  ['last changed', 'lastChangedAt'],
  ['transfer', 'transferredAt'],
  ['deletion', 'deletionAt'],
  ['registrar expiration', 'registrarExpiresAt'],
]);

/** Non-standard spellings, used only when the standard action is absent. */
const EVENT_FALLBACKS = new Map<string, EventField>([['last update', 'lastChangedAt']]);

type EventDates = Record<EventField, Date | null>;

function later(a: Date | null, b: Date): Date {
  return a !== null && a.getTime() >= b.getTime() ? a : b;
}

/**
 * Only the domain's own top-level `events`: entities carry events of their own (MarkMonitor's
 * registrar entity has a `registrar expiration` of 2020 on domains that expire years later).
 * When an action repeats, the latest date wins (the newest transfer is the one that matters).
 */
function readEvents(domain: JsonRecord): EventDates & { reregisteredAt: Date | null } {
  const dates: EventDates = {
    registeredAt: null,
    expiresAt: null,
    lastChangedAt: null,
    transferredAt: null,
    deletionAt: null,
    registrarExpiresAt: null,
  };
  const fallback: Partial<EventDates> = {};
  let reregisteredAt: Date | null = null;
  for (const event of records(domain.events)) {
    const action = nonEmptyString(event.eventAction)?.toLowerCase();
    const at = parseRdapDate(event.eventDate);
    if (action === undefined || at === null) continue;
    const field = EVENT_FIELDS.get(action);
    if (field) dates[field] = later(dates[field], at);
    const fallbackField = EVENT_FALLBACKS.get(action);
    if (fallbackField) fallback[fallbackField] = later(fallback[fallbackField] ?? null, at);
    if (action === 'reregistration') reregisteredAt = later(reregisteredAt, at);
  }
  dates.lastChangedAt ??= fallback.lastChangedAt ?? null;
  return { ...dates, reregisteredAt };
}

function uniqueStrings(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/** An RDAP link type, or none: `application/rdap+json` with any parameters. Other types are web pages. */
function isRdapType(type: string | null): boolean {
  return type === null || type.split(';')[0]?.trim().toLowerCase() === 'application/rdap+json';
}

function linksWithRel(domain: JsonRecord, rel: string): string[] {
  return uniqueStrings(
    records(domain.links)
      .filter((l) => nonEmptyString(l.rel)?.toLowerCase() === rel && isRdapType(nonEmptyString(l.type)))
      .map((l) => nonEmptyString(l.href)),
  );
}

function malformed(message: string): RdapParseResult {
  return { ok: false, error: { code: 'malformed', message } };
}

function parseDomainObject(json: unknown): RdapParseResult {
  if (!isRecord(json)) return malformed('RDAP answer is not a JSON object');
  const objectClass = nonEmptyString(json.objectClassName)?.toLowerCase();
  if (objectClass !== undefined && objectClass !== 'domain') {
    return malformed(`RDAP answer is a "${objectClass.slice(0, 40)}" object, not a domain`);
  }
  const unicodeName = normalizeHostName(json.unicodeName);
  const ldhName = normalizeHostName(json.ldhName) ?? unicodeName;
  if (ldhName === null) {
    return malformed(json.errorCode !== undefined ? 'RDAP answer is an error object' : 'RDAP domain has no ldhName');
  }
  const { reregisteredAt, ...events } = readEvents(json);
  const value: RdapDomain = {
    ldhName,
    unicodeName,
    handle: nonEmptyString(json.handle),
    statuses: normalizeRdapStatuses(json.status),
    ...events,
    registrar: findRegistrar(json),
    nameservers: uniqueStrings(
      records(json.nameservers).map((ns) => normalizeHostName(ns.ldhName) ?? normalizeHostName(ns.unicodeName)),
    ),
    relatedLinks: linksWithRel(json, 'related'),
    selfLink: linksWithRel(json, 'self')[0] ?? null,
  };
  if (reregisteredAt !== null) value.reregisteredAt = reregisteredAt;
  return { ok: true, value };
}

/** Reads an RDAP domain response (RFC 9083). Never throws: anything unreadable is `malformed`. */
export function parseRdapDomain(json: unknown): RdapParseResult {
  try {
    return parseDomainObject(json);
  } catch {
    // Unreachable for JSON.parse output; kept so a hostile object (a throwing getter, a Proxy) handed
    // in by a caller still ends as a source error instead of failing a whole scan.
    return malformed('RDAP answer could not be read');
  }
}
