import type { Stage } from '@/core/domains';
import type { Segment } from './lifecycle';
import { DAY_MS, MODEL } from './model';
import { type Rng, uniform } from './rng';

// What one check or one probe costs, by source, and what DNS and the status API show of a stage.

export interface SourceRequests {
  rdapRegistry: number;
  rdapRegistrar: number;
  statusApi: number;
  dns: number;
}

export const emptyRequests = (): SourceRequests => ({ rdapRegistry: 0, rdapRegistrar: 0, statusApi: 0, dns: 0 });

export function addRequests(into: SourceRequests, from: SourceRequests): void {
  into.rdapRegistry += from.rdapRegistry;
  into.rdapRegistrar += from.rdapRegistrar;
  into.statusApi += from.statusApi;
  into.dns += from.dns;
}

export const totalRequests = (r: SourceRequests) => r.rdapRegistry + r.rdapRegistrar + r.statusApi + r.dns;

/** Per-domain facts of its TLD and registrar, drawn once. */
export interface DomainSources {
  /** The registry links the registrar's RDAP record. */
  linked: boolean;
  /** No RDAP server for the TLD: every check asks the status API. */
  noRdap: boolean;
  /** The registrar moves an expired domain onto its expiry name servers, this long after expiry (ms); null: never. */
  parkAfterMs: number | null;
}

export function drawDomainSources(rng: Rng): DomainSources {
  const linked = rng() < MODEL.sources.registrarLinkShare;
  const noRdap = rng() < MODEL.sources.noRdapShare;
  const parks = rng() < MODEL.probe.parkOnExpiryShare;
  const delay = uniform(rng, MODEL.probe.parkDelayDays[0], MODEL.probe.parkDelayDays[1]) * DAY_MS;
  return { linked, noRdap, parkAfterMs: parks ? delay : null };
}

/** Requests one check of ours (or the daily policy) sends, given the truth and whether it failed. */
export function checkRequests(into: SourceRequests, src: DomainSources, truth: Stage, failed: boolean): void {
  into.dns += MODEL.sources.dnsQueriesPerLookup;
  if (src.noRdap) {
    into.statusApi += 1;
    return;
  }
  into.rdapRegistry += 1;
  if (failed) into.statusApi += 1;
  else if (src.linked && truth !== 'available') into.rdapRegistrar += 1;
}

export type DnsState = 'live' | 'parked' | 'nx' | 'new';

/** What NS/MX show at `t` inside segment `seg`. */
export function dnsStateAt(seg: Segment, t: number, src: DomainSources): DnsState {
  switch (seg.stage) {
    case 'grace':
      return src.parkAfterMs !== null && t >= seg.from + src.parkAfterMs ? 'parked' : 'live';
    case 'redemption':
    case 'pending_delete':
    case 'available':
      return 'nx';
    case 're_registered':
      return 'new';
    default:
      return 'live';
  }
}

/** The status words the status API returns for a stage (Domainr's vocabulary, as PyPI stores it). */
export function statusWordsOf(stage: Stage): readonly string[] {
  switch (stage) {
    case 'grace':
      return ['expiring'];
    case 'redemption':
      return ['undelegated', 'expiring'];
    case 'pending_delete':
      return ['undelegated', 'deleting'];
    case 'available':
      return ['undelegated', 'inactive'];
    default:
      return ['active'];
  }
}
