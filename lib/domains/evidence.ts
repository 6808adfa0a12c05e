import { isFarFuture } from '@/lib/domains/dates';
import { RDAP_STATUS } from '@/lib/domains/rdap/status';
import { type StatusReading, readStatusWords } from '@/lib/domains/status/words';
import type {
  ClassifyContext,
  DnsAnswer,
  Evidence,
  EvidenceItem,
  NoteKind,
  RdapDomain,
  SourceName,
} from '@/core/domains';

/** What the sources said, with failed sources reduced to "said nothing". */
export interface Facts {
  /** The registry's record when RDAP answered 200. */
  rdap: RdapDomain | null;
  /** The same answer with the URL that gave it, when known (names the registry platform). */
  rdapAnswer: { domain: RdapDomain; url?: string } | null;
  /** RDAP answered an exact lookup with 404. */
  rdapNotFound: boolean;
  status: StatusReading | null;
  statusSource: SourceName;
  dns: DnsAnswer | null;
  failures: EvidenceItem[];
}

export function gatherFacts(evidence: Evidence): Facts {
  const failures: EvidenceItem[] = [];
  // The provider tag is optional in Evidence; Fastly is the current service, Domainr v2 its predecessor.
  const statusSource: SourceName = evidence.status?.provider ?? 'fastly';
  const fail = (source: SourceName, error: { code: string; message: string }) =>
    failures.push({
      kind: 'note',
      code: 'source_error',
      source,
      message: `${source} failed (${error.code}): ${error.message}`,
    });

  const { rdap: rdapOutcome, status: statusOutcome, dns: dnsOutcome, rdapRegistrar } = evidence;
  if (rdapOutcome && !rdapOutcome.ok) fail('rdap', rdapOutcome.error);
  if (rdapRegistrar && !rdapRegistrar.ok) fail('rdap_registrar', rdapRegistrar.error);
  if (statusOutcome && !statusOutcome.ok) fail(statusSource, statusOutcome.error);
  if (dnsOutcome && !dnsOutcome.ok) fail('dns', dnsOutcome.error);

  const rdapAnswer = rdapOutcome?.ok ? rdapOutcome.value : null;
  return {
    rdap: rdapAnswer?.kind === 'registered' ? rdapAnswer.domain : null,
    rdapAnswer: rdapAnswer?.kind === 'registered' ? rdapAnswer : null,
    rdapNotFound: rdapAnswer?.kind === 'not_found',
    status: statusOutcome?.ok ? readStatusWords(statusOutcome.value.words) : null,
    statusSource,
    dns: dnsOutcome?.ok ? dnsOutcome.value : null,
    failures,
  };
}

export function hasStatus(rdap: RdapDomain | null, status: string): boolean {
  return rdap?.statuses.includes(status) ?? false;
}

export function expirationPassed(rdap: RdapDomain | null, now: Date): boolean {
  const expiry = rdap?.expiresAt;
  return expiry != null && !isFarFuture(expiry) && expiry.getTime() <= now.getTime();
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Lines that do not change the stage but matter to whoever reviews it. */
export function collectNotes(f: Facts, ctx: ClassifyContext, decidedCode: string): EvidenceItem[] {
  const notes: EvidenceItem[] = [...f.failures];
  const note = (code: NoteKind | 'status_inconclusive', source: EvidenceItem['source'], message: string) =>
    notes.push({ kind: 'note', code, source, message });
  const { rdap, status, dns, statusSource } = f;

  if (status && !status.usable) {
    note(
      'status_inconclusive',
      statusSource,
      'the status API gave no answer about registration (only "unknown" or "undelegated")',
    );
  }
  if (hasStatus(rdap, RDAP_STATUS.clientHold) || hasStatus(rdap, RDAP_STATUS.serverHold)) {
    note('on_hold', 'rdap', 'the domain is on hold: the registry does not publish it in DNS');
  }
  if (status?.forSale) note('for_sale', statusSource, 'the domain is offered for sale on the aftermarket');
  if (status?.undelegated) note('undelegated', statusSource, 'the status API says the domain is not in DNS');
  if (hasStatus(rdap, RDAP_STATUS.inactive))
    note('undelegated', 'rdap', 'the registry lists no name servers (status "inactive")');
  if (dns?.nxdomain) note('nxdomain', 'dns', 'DNS answers NXDOMAIN for the domain');
  else if (dns && dns.mx.length === 0)
    note('no_mx', 'dns', 'the domain has no MX record: mail to it may not be delivered');

  const transferred = rdap?.transferredAt;
  if (transferred && ctx.verifiedAt && transferred.getTime() > ctx.verifiedAt.getTime()) {
    note(
      'transferred_after_verification',
      'rdap',
      `the domain was transferred on ${transferred.toISOString()}, after the address was verified`,
    );
  }
  const registrar = rdap?.registrar?.name;
  if (registrar && ctx.previousRegistrar && !sameText(registrar, ctx.previousRegistrar)) {
    note('registrar_changed', 'rdap', 'the sponsoring registrar changed since the previous check');
  }
  if (decidedCode !== 'expiration_passed' && expirationPassed(rdap, ctx.now)) {
    note('expiration_passed', 'rdap', 'the registry expiration date has passed');
  }
  if ((rdap && status?.available) || (f.rdapNotFound && status?.registered)) {
    note(
      'sources_disagree',
      'context',
      'the registry (RDAP) and the status API disagree on whether the domain is registered',
    );
  }
  return notes;
}
