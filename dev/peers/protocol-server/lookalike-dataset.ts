import type { DomainRecord } from '@/dev/peers/protocol-server/records';

// The demo's look-alike watch (issue 15): the demo registry's own domain, and the few of its
// look-alikes that somebody registered. Dates are relative to the demo's anchor (the moment it was
// seeded), like the rest of the dataset, so every later start serves the registrations the seed saw.
// Every other candidate is simply not registered: the server answers 404 and NXDOMAIN for it.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The demo registry's own domain: where its site lives and its mail comes from. */
export const DEMO_WATCHED_NAME = 'demo-registry.dev';

export interface DemoLookalikeRegistration {
  name: string;
  /** Fixed instant, or ms before the anchor. */
  registered: { at: string } | { before: number };
  registrar: { name: string; ianaId: string | null };
  handle: string;
  nameservers: string[];
  /** Mail servers, from `before` ms before the anchor (absent: none). */
  mx?: { hosts: string[]; before: number };
  /** Web addresses (A), from `before` ms before the anchor, or from the registration (`before: null`). */
  a?: { addresses: string[]; before: number | null };
}

export const DEMO_LOOKALIKE_REGISTRATIONS: readonly DemoLookalikeRegistration[] = [
  // The registry's own defensive registration of the .com, long before anyone watched: a baseline.
  {
    name: 'demo-registry.com',
    registered: { at: '2019-03-14T09:12:44Z' },
    registrar: { name: 'Gandi SAS', ianaId: '81' },
    handle: '2398416571_DOMAIN_COM-VRSN',
    nameservers: ['ns1.gandi.net', 'ns2.gandi.net'],
    a: { addresses: ['203.0.113.10'], before: null },
  },
  // A zero for the o, registered a week ago; its mail servers followed five days later.
  {
    name: 'dem0-registry.dev',
    registered: { before: 7 * DAY + 10 * HOUR + 23 * 60_000 },
    registrar: { name: 'NameCheap, Inc.', ianaId: '1068' },
    handle: '7F3A19C2-DEV',
    nameservers: ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'],
    mx: { hosts: ['mx1.privateemail.com', 'mx2.privateemail.com'], before: 2 * DAY + 6 * HOUR },
  },
  // Two letters swapped, registered five days ago; a web page three days later.
  {
    name: 'demo-regsitry.dev',
    registered: { before: 4 * DAY + 22 * HOUR },
    registrar: { name: 'Porkbun LLC', ianaId: '1861' },
    handle: '4C81D07E-DEV',
    nameservers: ['curitiba.ns.porkbun.com', 'fortaleza.ns.porkbun.com'],
    a: { addresses: ['198.51.100.23'], before: DAY + 20 * HOUR },
  },
];

export function registeredAtOf(r: DemoLookalikeRegistration, anchor: Date): Date {
  return 'at' in r.registered ? new Date(r.registered.at) : new Date(anchor.getTime() - r.registered.before);
}

/** A year after the registration, renewed yearly: at least two months ahead of `at`. */
function expiryOf(registeredAt: Date, at: number): string {
  const expires = new Date(registeredAt);
  do expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  while (expires.getTime() < at + 60 * DAY);
  return expires.toISOString();
}

/**
 * The look-alike registrations as the registries and DNS answer at `at` (default: the anchor, what
 * the protocol server of `npm start` serves). A name not registered yet at `at` is left out.
 */
export function demoLookalikeRecords(anchor: Date, at: Date = anchor): DomainRecord[] {
  const t = at.getTime();
  const since = (before: number | null, registeredAt: Date) =>
    before === null ? registeredAt.getTime() : anchor.getTime() - before;
  return DEMO_LOOKALIKE_REGISTRATIONS.flatMap((r) => {
    const registeredAt = registeredAtOf(r, anchor);
    if (registeredAt.getTime() > t) return [];
    const mx = r.mx && since(r.mx.before, registeredAt) <= t ? r.mx.hosts : [];
    const a = r.a && since(r.a.before, registeredAt) <= t ? r.a.addresses : [];
    return [
      {
        name: r.name,
        scenario: 'active' as const,
        rdap: {
          handle: r.handle,
          registeredAt: registeredAt.toISOString(),
          expiresAt: expiryOf(registeredAt, anchor.getTime()),
          lastChangedAt: null,
          statuses: ['client transfer prohibited'],
          registrar: r.registrar,
          nameservers: r.nameservers,
        },
        statusWords: ['active'],
        dns: { kind: 'records' as const, ns: r.nameservers, mx, a },
      },
    ];
  });
}
