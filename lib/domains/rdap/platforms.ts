// How registry platforms write their RDAP answers, as data. Registries run a handful of software
// platforms, and each writes the same lifecycle its own way; the classifier reads an answer through
// its platform's row instead of trusting event names. Every row is backed by recorded answers in
// test/fixtures/rdap (listed in `fixtures`) and by the platform's published source where it is open;
// test/unit/domains/platforms.test.ts checks each claim below against those recorded answers.

export const PLATFORM_IDS = [
  'verisign',
  'nomulus',
  'identity_digital',
  'centralnic',
  'nominet',
  'fred',
  'afnic',
  'zdns',
] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export interface PlatformBehaviour {
  name: string;
  /** RDAP server host names (exact, lower case) that run this platform: only hosts seen answering in `fixtures`. */
  hosts: readonly string[];
  /**
   * What a domain's `reregistration` event means. 'renewal': the platform writes it for an ordinary
   * renewal (the same registration goes on); 'new_registration': RFC 9083's meaning; 'not_written':
   * none seen, read as RFC 9083 says, but never alone against an unchanged handle (see registration.ts).
   */
  reregistration: 'renewal' | 'new_registration' | 'not_written';
  /** The domain's `handle` is the registry object id (ROID): a new registration gets a new one. */
  handleIsRoid: boolean;
  /** Writes a `registration` event for domains. */
  registrationEvent: boolean;
  /** Writes an `expiration` event for domains. */
  expirationEvent: boolean;
  /**
   * Thin registry: the registrar, not the registry, holds what the owner paid for. The registry
   * answer carries a `related` link to the registrar's RDAP record, and its expiration moves a year
   * ahead at expiry (auto-renew) while the registrar may already have stopped serving the owner.
   */
  thin: boolean;
  sources: readonly string[];
  fixtures: readonly string[];
}

export const PLATFORMS: Record<PlatformId, PlatformBehaviour> = {
  verisign: {
    name: 'Verisign (.com, .net)',
    hosts: ['rdap.verisign.com'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: true,
    sources: [
      'recorded answers (test/fixtures/SOURCES.md): ROIDs `…_DOMAIN_COM-VRSN`, a `related` link to the registrar',
      'markmonitor_google.com_2024-07-29.json, fetched in the same minute: the registrar states its own expiration',
    ],
    fixtures: [
      'verisign_google.com_2021-12-17.json',
      'verisign_google.com_2024-07-29.json',
      'verisign_baeldung.com_2024-04-01.json',
      'verisign_themarquetry.com_2022-01-20.json',
    ],
  },
  nomulus: {
    name: 'Nomulus (Google Registry: .app, .dev, .page, .google …)',
    hosts: ['pubapi.registry.google', 'www.registry.google'],
    // RdapJsonFormatter maps HistoryEntry DOMAIN_RENEW and DOMAIN_AUTORENEW to EventAction
    // REREGISTRATION. These optional history events were written by default until Nomulus commit
    // 9f3dfec (2026-04-02) made them opt-in (rdapIncludeOptionalHistoryResults).
    reregistration: 'renewal',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: [
      'google/nomulus core/src/main/java/google/registry/rdap/RdapJsonFormatter.java: HISTORY_ENTRY_TYPE_TO_RDAP_EVENT_ACTION_MAP (DOMAIN_RENEW, DOMAIN_AUTORENEW → REREGISTRATION); handle = getRepoId(); registration = getCreationTime()',
      'google/nomulus commit 9f3dfec118d25064e37140a7b5112ded966c048a (2026-04-02): optional events off by default',
      'google-registry_bugatti.app_2022-01-21.json: a production answer with a `reregistration` event 2021-07-21 on a domain created 2019-07-29 under the same ROID',
    ],
    fixtures: ['google-registry_bugatti.app_2022-01-21.json', 'google-registry_web.dev_2026-10-05.json'],
  },
  identity_digital: {
    name: 'Identity Digital (Donuts, Afilias: .ai, .io, .info, .org back end …)',
    hosts: ['rdap.identitydigital.services'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answer (test/fixtures/SOURCES.md): ROID `…-DONUTS`, a `related` link to the registrar'],
    fixtures: ['identitydigital_google.ai_2026-10-05.json'],
  },
  centralnic: {
    name: 'CentralNic (.xyz, .site, .online …)',
    hosts: ['rdap.centralnic.com'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answer (test/fixtures/SOURCES.md): ROID `…-CNIC`, expiration at 23:59:59.0Z'],
    fixtures: ['centralnic_nic.xyz_2024-06-12.json'],
  },
  nominet: {
    name: 'Nominet (.uk)',
    hosts: ['rdap.nominet.uk'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answer (test/fixtures/SOURCES.md): ROID `D_…-UK`, registrar identified by tag'],
    fixtures: ['nominet_bbc.co.uk_2026-10-05.json'],
  },
  fred: {
    name: 'FRED (CZ.NIC: .cz)',
    hosts: ['rdap.nic.cz'],
    reregistration: 'not_written',
    // FRED's domain handle is the domain name itself: a deleted and re-registered name keeps it, so
    // an unchanged handle proves nothing about the registration.
    handleIsRoid: false,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answers (test/fixtures/SOURCES.md): `handle` equals `ldhName` (example.cz, nic.cz)'],
    fixtures: ['cznic_example.cz_2017.json', 'cznic_nic.cz_2020.json'],
  },
  afnic: {
    name: 'AFNIC (.fr)',
    hosts: ['rdap.nic.fr'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answers (test/fixtures/SOURCES.md): ROID `DOM…-FRNIC`'],
    fixtures: ['afnic_lemonde.fr_2024-06.json', 'afnic_afnic.fr_2023.json'],
  },
  zdns: {
    name: 'ZDNS (.top …)',
    hosts: ['rdap.zdnsgtld.com'],
    reregistration: 'not_written',
    handleIsRoid: true,
    registrationEvent: true,
    expirationEvent: true,
    thin: false,
    sources: ['recorded answer (test/fixtures/SOURCES.md): ROID `…-top`, trailing dot in ldhName'],
    fixtures: ['zdns_bitcoin.top_2021-04-17.json'],
  },
};

/** What an answer from a server we have no row for is read as: RFC 9083, with the identity guard. */
export const UNKNOWN_PLATFORM: PlatformBehaviour = {
  name: 'unknown platform',
  hosts: [],
  reregistration: 'not_written',
  handleIsRoid: true,
  registrationEvent: true,
  expirationEvent: true,
  thin: false,
  sources: [],
  fixtures: [],
};

const BY_HOST = new Map<string, PlatformId>(
  PLATFORM_IDS.flatMap((id) => PLATFORMS[id].hosts.map((host) => [host, id] as const)),
);

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The platform behind an answer: by the URL that answered when known, else by the answer's own
 * `self` link. Null when neither names a server in the table.
 */
export function platformOf(answerUrl: string | null | undefined, selfLink?: string | null): PlatformId | null {
  for (const url of [answerUrl, selfLink]) {
    const id = BY_HOST.get(hostOf(url) ?? '');
    if (id) return id;
  }
  return null;
}

export function behaviourOf(id: PlatformId | null): PlatformBehaviour {
  return id ? PLATFORMS[id] : UNKNOWN_PLATFORM;
}
