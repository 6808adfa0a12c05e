import { between, hashString, pick, seededRng } from '@/dev/peers/protocol-server/random';
import { flavourOf } from '@/dev/peers/protocol-server/rdap-template';
import type { DnsRecord, DomainRecord, Registration, Scenario } from '@/dev/peers/protocol-server/records';

// One record per lifecycle situation, with dates relative to `now` and following the gTLD
// lifecycle (docs: /work/shared/notes/domain-lifecycle.md): expiry → auto-renew grace (≤45 days)
// → redemption (30 days, `redemption period` + `pending delete`) → pending delete (5 days) → drop.

const DAY = 86_400_000;

const REGISTRARS = [
  { name: 'NameCheap, Inc.', ianaId: '1068' },
  { name: 'GoDaddy.com, LLC', ianaId: '146' },
  { name: 'Tucows Domains Inc.', ianaId: '69' },
  { name: 'Gandi SAS', ianaId: '81' },
  { name: 'Porkbun LLC', ianaId: '1861' },
  { name: 'Cloudflare, Inc.', ianaId: '1910' },
  { name: 'Dynadot Inc', ianaId: '472' },
  { name: 'Squarespace Domains II LLC', ianaId: '895' },
] as const;
// Nominet registrars are identified by tag, not by an IANA id.
const UK_REGISTRARS = [
  { name: 'Mythic Beasts Ltd', ianaId: null },
  { name: 'Krystal Hosting Ltd', ianaId: null },
] as const;

const HOSTING_NS = [
  ['dana.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
  ['ns1.digitalocean.com', 'ns2.digitalocean.com'],
  ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'],
  ['ns-1024.awsdns-00.org', 'ns-512.awsdns-00.net'],
  ['ns1.gandi.net', 'ns2.gandi.net'],
] as const;
const MAIL_MX = [
  ['aspmx.l.google.com', 'alt1.aspmx.l.google.com'],
  ['in1-smtp.messagingengine.com', 'in2-smtp.messagingengine.com'],
  ['mx1.improvmx.com', 'mx2.improvmx.com'],
  ['mail.protonmail.ch', 'mailsec.protonmail.ch'],
] as const;
const PARKING_NS = ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'];
const AFTERMARKET_NS = ['ns1.afternic.com', 'ns2.afternic.com'];

const iso = (ms: number) => new Date(ms).toISOString();

const HANDLE_SUFFIX: Record<string, string> = {
  verisign: '_DOMAIN_COM-VRSN',
  pir: '-LROR',
  google: '-DEV',
  identity: '-DONUTS',
  nominet: '-UK',
  centralnic: '-CNIC',
};

/**
 * Who registered the name, when, and under which registry handle: fixed per name and generation
 * ('original' owner, or the 'new' holder after a drop), never derived from `now`. A restarted server
 * or a later clock must serve the same facts, or every later scan would see a new handle or creation
 * date and take the domain for re-registered.
 */
function identity(name: string, generation: 'original' | 'new') {
  const rng = seededRng(hashString(`${name}#${generation}`));
  const registrar = name.endsWith('.uk') ? pick(rng, UK_REGISTRARS) : pick(rng, REGISTRARS);
  const id = Math.floor(rng() * 0xfffffff)
    .toString(16)
    .toUpperCase();
  const handle = `${id}${HANDLE_SUFFIX[flavourOf(name) ?? 'pir'] ?? '-GK'}`;
  // Between 2008 and 2021, at some second of the day.
  const registeredAt = Date.UTC(2008, 0, 1) + Math.floor(rng() * 14 * 365) * DAY + Math.floor(rng() * 86_400) * 1000;
  return { registrar: { name: registrar.name, ianaId: registrar.ianaId }, handle, registeredAt };
}

/** Same UTC time of day as `ref`: a registration expires at the time of day it was created. */
function atTimeOf(ms: number, ref: number): number {
  return Math.floor(ms / DAY) * DAY + (((ref % DAY) + DAY) % DAY);
}

/**
 * A record for `name` in `scenario`: registration facts fixed per name, lifecycle dates relative to
 * `now`. When `previous` (the name's current record) is given, a re-registration keeps its old
 * registration as history, so a test can walk one name through active → available → re_registered.
 */
export function recordFor(scenario: Scenario, name: string, now: Date, previous?: DomainRecord | null): DomainRecord {
  const rng = seededRng(hashString(`${name}|${scenario}`));
  const n = now.getTime();
  const ns: string[] = [...pick(rng, HOSTING_NS)];
  const mx: string[] = rng() < 0.85 ? [...pick(rng, MAIL_MX)] : [];
  const live: DnsRecord = { kind: 'records', ns, mx };
  const nx: DnsRecord = { kind: 'nxdomain' };
  const original = identity(name, 'original');
  const verifiedBefore = (ms: number, startMs: number) =>
    iso(Math.max(startMs + DAY, ms - between(rng, 20, 300) * DAY));
  const make = (
    expiryTarget: number,
    statuses: string[],
    words: string[],
    dns: DnsRecord,
    nsForRdap = ns,
  ): DomainRecord => {
    // Clamped only under a clock set before 2009, so the registration still precedes its expiry.
    const registeredAt = Math.min(original.registeredAt, expiryTarget - 400 * DAY);
    const expiresAt = atTimeOf(expiryTarget, registeredAt);
    const rdap: Registration = {
      handle: original.handle,
      registeredAt: iso(registeredAt),
      expiresAt: iso(expiresAt),
      lastChangedAt: null,
      statuses,
      registrar: original.registrar,
      nameservers: nsForRdap,
    };
    return {
      name,
      scenario,
      rdap,
      statusWords: words,
      dns,
      verifiedAt: verifiedBefore(Math.min(n, expiresAt), registeredAt),
    };
  };
  const future = () => n + between(rng, 60, 900) * DAY;

  switch (scenario) {
    case 'active':
      return make(
        future(),
        pick(rng, [
          ['client transfer prohibited'],
          ['active'],
          ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
        ]),
        ['active'],
        live,
      );
    case 'expiring':
      return make(n + between(rng, 3, 25) * DAY, ['client transfer prohibited'], ['active'], live);
    case 'grace':
      return make(n - between(rng, 2, 35) * DAY, ['auto renew period', 'client transfer prohibited'], ['active'], live);
    case 'redemption': {
      const record = make(
        n - between(rng, 50, 70) * DAY,
        ['redemption period', 'pending delete'],
        ['undelegated', 'expiring'],
        nx,
      );
      if (record.rdap?.expiresAt) record.rdap.lastChangedAt = iso(Date.parse(record.rdap.expiresAt) + 45 * DAY);
      return record;
    }
    case 'pending_delete': {
      const record = make(n - between(rng, 76, 79) * DAY, ['pending delete'], ['undelegated', 'deleting'], nx);
      if (record.rdap) record.rdap.deletionAt = iso(n + between(rng, 1, 4) * DAY);
      return record;
    }
    case 'available': {
      const old = make(n - between(rng, 90, 400) * DAY, [], [], nx);
      const verifiedAt = previous?.verifiedAt ?? old.verifiedAt;
      return {
        ...old,
        rdap: null,
        statusWords: ['undelegated', 'inactive'],
        previous: history(previous) ?? history(old),
        verifiedAt,
      };
    }
    case 're_registered': {
      const fresh = identity(name, 'new');
      const registeredAt = atTimeOf(n - between(rng, 3, 60) * DAY, fresh.registeredAt);
      const before = history(previous) ?? {
        registeredAt: iso(Math.min(original.registeredAt, registeredAt - 400 * DAY)),
        handle: original.handle,
      };
      const expiresAt = new Date(registeredAt);
      expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
      const rdap: Registration = {
        handle: fresh.handle === before.handle ? `${fresh.handle}-2` : fresh.handle,
        registeredAt: iso(registeredAt),
        expiresAt: expiresAt.toISOString(),
        lastChangedAt: null,
        statuses: [n - registeredAt < 5 * DAY ? 'add period' : 'client transfer prohibited'],
        registrar: fresh.registrar,
        nameservers: PARKING_NS,
      };
      // The owner verified under the old registration, i.e. before the new one began.
      const known = previous?.verifiedAt ? Date.parse(previous.verifiedAt) : Number.NaN;
      const verifiedAt =
        known < registeredAt ? iso(known) : verifiedBefore(registeredAt, Date.parse(before.registeredAt));
      return {
        name,
        scenario,
        rdap,
        statusWords: ['active'],
        dns: { kind: 'records', ns: PARKING_NS, mx: [] },
        previous: before,
        verifiedAt,
      };
    }
    case 'auto_renewed': {
      // The registry renewed at expiry and shows the next year; the registrar still states the date
      // the owner paid up to (days ago) and has put the domain on hold.
      const record = make(n - between(rng, 2, 35) * DAY + 365 * DAY, ['client transfer prohibited'], ['active'], live);
      const registry = record.rdap?.expiresAt;
      if (registry) {
        const paidUpTo = new Date(registry);
        paidUpTo.setUTCFullYear(paidUpTo.getUTCFullYear() - 1);
        record.registrarRdap = {
          expiresAt: paidUpTo.toISOString(),
          statuses: ['client hold', 'client transfer prohibited'],
        };
        record.verifiedAt = verifiedBefore(paidUpTo.getTime(), Date.parse(record.rdap?.registeredAt ?? registry));
      }
      return record;
    }
    case 'on_hold':
      return make(future(), ['client hold', 'client transfer prohibited'], ['undelegated', 'active'], nx);
    case 'undelegated_active':
      return make(future(), ['inactive'], ['undelegated', 'active'], nx, []);
    case 'for_sale':
      return make(
        future(),
        ['client transfer prohibited'],
        ['marketed', 'priced', 'transferable', 'active'],
        { kind: 'records', ns: AFTERMARKET_NS, mx: [] },
        AFTERMARKET_NS,
      );
  }
}

function history(record: DomainRecord | null | undefined): DomainRecord['previous'] {
  if (!record?.rdap) return record?.previous ?? null;
  return { registeredAt: record.rdap.registeredAt, handle: record.rdap.handle };
}
