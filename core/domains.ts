// The engine's shared vocabulary. Sources produce SourceOutcomes, the classifier turns them into one
// Classification. Kept free of I/O so the app, the worker, the CLI and the benchmarks share it.

/** Where a domain can stand in its registry's lifecycle, in order. */
export const REGISTRY_STAGES = [
  'active',
  'expiring',
  'grace',
  'redemption',
  'pending_delete',
  'available',
  're_registered',
] as const;
/** The registry stages, and 'unknown' when no source could answer. */
export const STAGES = [...REGISTRY_STAGES, 'unknown'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages in which a stranger can (or soon can) hold the domain: these unverify by default. */
export const LAPSED_STAGES = ['redemption', 'pending_delete', 'available', 're_registered'] as const;
/** Stages that only warn by default. */
export const WARNING_STAGES = ['expiring', 'grace'] as const;

/**
 * Where evidence came from. `rdap` is the registry's RDAP answer; `rdap_registrar` the sponsoring
 * registrar's, reached through the registry's `related` link (thin registries such as .com).
 */
export const SOURCE_NAMES = ['rdap', 'domainr', 'fastly', 'dns', 'rdap_registrar'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type SourceErrorCode =
  | 'timeout'
  | 'network'
  | 'http' // unexpected HTTP status (5xx after retries, 4xx other than a registry's exact 404)
  | 'rate_limited' // 429, or a registry's disguised rate limit (403 HTML, 422 JSON)
  | 'malformed' // body not JSON, or JSON of the wrong shape
  | 'too_large' // body above the byte limit (HttpClient maxBodyBytes); the read was stopped
  | 'blocked_target' // the URL, a redirect or the resolved address is one we do not connect to (see outbound-policy.ts)
  | 'unsupported_tld' // TLD absent from the RDAP bootstrap: says nothing about the domain
  | 'skipped' // not asked: e.g. a registrar RDAP server that failed moments ago (see rdap/reachability.ts)
  | 'provider_error' // the provider answered with an error object (e.g. Domainr errors inside a 200)
  | 'not_configured';

export interface SourceError {
  code: SourceErrorCode;
  message: string;
  httpStatus?: number;
  /** How long the server asked us to wait (Retry-After), when it said; lets a scheduler come back later. */
  retryAfterMs?: number;
}

export type SourceOutcome<T> =
  | { ok: true; value: T; latencyMs?: number }
  | { ok: false; error: SourceError; latencyMs?: number };

/** A date read from a registry. Dates beyond JavaScript's range (Nomulus END_OF_TIME) are clamped to FAR_FUTURE. */
export const FAR_FUTURE = new Date(8.64e15);

export interface RdapRegistrar {
  name: string | null;
  ianaId: string | null;
  handle: string | null;
}

export interface RdapDomain {
  ldhName: string; // lower-case punycode, no trailing dot
  unicodeName: string | null;
  handle: string | null; // registry object id (EPP ROID)
  /** RFC 8056 phrases, lower-case with spaces ("redemption period"); camelCase EPP spellings normalised. */
  statuses: string[];
  registeredAt: Date | null;
  expiresAt: Date | null;
  lastChangedAt: Date | null;
  transferredAt: Date | null;
  deletionAt: Date | null;
  registrarExpiresAt: Date | null;
  /**
   * RDAP `reregistration` event ("registered subsequently to initial registration"), when the server
   * sends one. Optional so that objects built before it existed stay valid.
   */
  reregisteredAt?: Date | null;
  registrar: RdapRegistrar | null;
  nameservers: string[];
  /** `rel: related` links (thin registries point to the registrar's RDAP). */
  relatedLinks: string[];
  /** The answer's own `rel: self` link, when it has one (names the server that wrote it). */
  selfLink?: string | null;
}

/** What RDAP said: the registry has the domain, or answered an exact lookup with 404. */
export type RdapAnswer =
  | {
      kind: 'registered';
      domain: RdapDomain;
      /** The URL that answered (after redirects), when the client knows it: it names the registry platform. */
      url?: string;
    }
  | { kind: 'not_found' };

/** Domainr v2 / Fastly status answer for one domain. */
export interface StatusAnswer {
  domain: string;
  zone: string | null;
  /** Space-separated words, split, lower-cased, in the order received. */
  words: string[];
}

export interface DnsAnswer {
  /** NXDOMAIN for the registrable name: evidence that it is not delegated. */
  nxdomain: boolean;
  nameservers: string[];
  mx: string[];
  /** A and AAAA of the name itself, when asked (look-alike candidates: can it host a page?). */
  addresses?: string[];
}

export interface Evidence {
  rdap?: SourceOutcome<RdapAnswer>;
  /**
   * The sponsoring registrar's RDAP answer for the same domain, fetched once from the registry's
   * `related` link. It never says "not registered": only the registry can (a registrar's 404 is an error).
   */
  rdapRegistrar?: SourceOutcome<RdapAnswer>;
  status?: SourceOutcome<StatusAnswer> & { provider?: 'domainr' | 'fastly' };
  dns?: SourceOutcome<DnsAnswer>;
}

export interface ClassifyContext {
  now: Date;
  /** When the address on this domain was verified (the newest verification when several). */
  verifiedAt?: Date | null;
  previousRegisteredAt?: Date | null;
  previousHandle?: string | null;
  /** Registrar name seen at the previous check; a change is a note (backorders move domains this way). */
  previousRegistrar?: string | null;
  warningWindowDays?: number; // default 30
  /**
   * How much later a registration date must be than `verifiedAt` / `previousRegisteredAt` to count as
   * a new registration. Default 24 h: registry and registrar disagree by hours on the same registration
   * (google.com: 04:00Z at Verisign, 07:00Z at MarkMonitor) and zone-less dates can be off by up to 14 h.
   */
  registrationToleranceMs?: number;
}

export const NOTE_KINDS = [
  'on_hold',
  'for_sale',
  'undelegated',
  'no_mx',
  'nxdomain',
  'transferred_after_verification',
  'registrar_changed',
  'expiration_passed',
  'sources_disagree',
  // The registry's reregistration event was read as a renewal (same handle, registration before verification).
  'renewal_event',
  // The registrar's record is of another registration than the registry's (its handle or creation date differ).
  'registrar_mismatch',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One line of evidence: either the rule that decided the stage, or a note for a reviewer. */
export interface EvidenceItem {
  kind: 'decided' | 'note';
  code: string; // e.g. 'rdap_not_found', 'status_redemption_period', 'registration_after_verification', or a NoteKind
  source: SourceName | 'context';
  message: string; // plain words for a reviewer
}

export type DateKind = 'stated' | 'estimated';
export interface TimelineDate {
  at: string; // ISO 8601, UTC
  kind: DateKind;
}
export interface Timeline {
  registeredAt: TimelineDate | null;
  expiresAt: TimelineDate | null;
  graceEndsAt: TimelineDate | null;
  redemptionEndsAt: TimelineDate | null;
  deletionAt: TimelineDate | null;
}

export interface Classification {
  stage: Stage;
  evidence: EvidenceItem[];
  timeline: Timeline;
  handle: string | null;
  registeredAt: Date | null;
  expiresAt: Date | null;
  registrar: string | null;
}
