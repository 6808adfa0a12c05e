import { DAY_MS } from '@/lib/domains/dates';
import { type Facts, collectNotes, expirationPassed, gatherFacts, hasStatus } from '@/lib/domains/evidence';
import { RDAP_STATUS } from '@/lib/domains/rdap/status';
import { readRegistrar, registrarLapseStatus, type StatedExpiry, statedExpiry } from '@/lib/domains/registrar-facts';
import { platformFor, type RegistrationReading, readRegistration, reRegistration } from '@/lib/domains/registration';
import { buildTimeline } from '@/lib/domains/timeline';
import type { Classification, ClassifyContext, Evidence, EvidenceItem, RdapDomain, Stage } from '@/core/domains';

// One stage from all the evidence. The rules below are the contract; the first that matches wins:
//   1 unknown        no usable evidence (every source failed, or the status API said only "unknown")
//   2 available      RDAP 404, or status words say available and RDAP did not say registered
//   3 re_registered  registration later than verification / the previous registration, or a new handle
//                    (read through the registry platform's row: rdap/platforms.ts, registration.ts)
//   4 redemption     "redemption period" / "pending restore" (RDAP lists "pending delete" beside them)
//   5 pending_delete "pending delete" alone, or status word "deleting"
//   6 grace          "auto renew period", status word "expiring", or the expiration date has passed —
//                    at the registry, or else at the registrar (registrar-facts.ts)
//   7 expiring       the stated expiry (the registry's, or the registrar's when clearly earlier) is
//                    within the warning window
//   8 active         registered
// A failed source contributes nothing, so it can never produce a lapsing stage.

export const DEFAULT_WARNING_WINDOW_DAYS = 30;
export { DEFAULT_REGISTRATION_TOLERANCE_MS } from '@/lib/domains/registration';

interface Decision {
  stage: Stage;
  item: EvidenceItem;
}

function decided(stage: Stage, code: string, source: EvidenceItem['source'], message: string): Decision {
  return { stage, item: { kind: 'decided', code, source, message } };
}

function noUsableEvidence(f: Facts): Decision {
  // DNS alone never decides: NXDOMAIN is also what a domain on client hold, or with its name servers
  // removed by the registrant, looks like, and a resolver can be wrong or filtered. Unverifying on it
  // would punish owners for a registry or resolver hiccup, so the answer is "unknown" with the
  // DNS facts left as notes for a reviewer.
  if (f.dns) {
    return decided('unknown', 'dns_only', 'dns', 'only DNS answered; DNS cannot tell a lapsed domain from one on hold');
  }
  return decided('unknown', 'no_usable_evidence', 'context', 'no source gave a usable answer; nothing is concluded');
}

interface Reading {
  registration: RegistrationReading;
  registrar: RdapDomain | null;
  expiry: StatedExpiry;
}

/** Grace or expiring from the registry's dates and statuses, else from the registrar's. */
function nearOrPastExpiry(f: Facts, read: Reading, ctx: ClassifyContext): Decision | null {
  const { rdap, status, statusSource } = f;
  if (hasStatus(rdap, RDAP_STATUS.autoRenewPeriod)) {
    return decided('grace', 'status_auto_renew_period', 'rdap', 'the registration expired and is in auto-renew grace');
  }
  if (status?.expiring)
    return decided('grace', 'status_expiring', statusSource, 'the status API says the domain is expiring');
  if (expirationPassed(rdap, ctx.now))
    return decided('grace', 'expiration_passed', 'rdap', 'the expiration date has passed');
  const lapse = registrarLapseStatus(read.registrar);
  if (lapse) {
    const message = `the registrar lists "${lapse}": the owner's registration has run out`;
    return decided('grace', 'registrar_status_lapse', 'rdap_registrar', message);
  }
  const { at, source } = read.expiry;
  if (source === 'rdap_registrar' && at && at.getTime() <= ctx.now.getTime()) {
    const message = `the registrar's expiration date (${at.toISOString()}) has passed; the registry shows a later one`;
    return decided('grace', 'registrar_expiration_passed', 'rdap_registrar', message);
  }
  const windowDays = ctx.warningWindowDays ?? DEFAULT_WARNING_WINDOW_DAYS;
  if (at && at.getTime() - ctx.now.getTime() <= windowDays * DAY_MS) {
    const who = source === 'rdap_registrar' ? 'the registrar says the registration' : 'the registration';
    return decided('expiring', 'expires_within_window', source, `${who} expires on ${at.toISOString()}`);
  }
  return null;
}

function decideStage(f: Facts, read: Reading, ctx: ClassifyContext): Decision {
  const { rdap, status, statusSource } = f;
  if (!rdap && !f.rdapNotFound && !status?.usable) return noUsableEvidence(f);

  if (f.rdapNotFound)
    return decided('available', 'rdap_not_found', 'rdap', 'the registry has no such domain (RDAP 404)');
  if (status?.available && !rdap) {
    return decided(
      'available',
      'status_available',
      statusSource,
      'the status API says the domain is open for registration',
    );
  }

  const renewed = rdap ? reRegistration(rdap, read.registration, ctx, platformFor(f.rdapAnswer)) : null;
  if (renewed) return renewed;

  if (hasStatus(rdap, RDAP_STATUS.redemptionPeriod) || hasStatus(rdap, RDAP_STATUS.pendingRestore)) {
    return decided('redemption', 'status_redemption_period', 'rdap', 'the domain is in its redemption period');
  }
  if (hasStatus(rdap, RDAP_STATUS.pendingDelete)) {
    return decided('pending_delete', 'status_pending_delete', 'rdap', 'the domain is pending deletion');
  }
  if (status?.deleting)
    return decided(
      'pending_delete',
      'status_deleting',
      statusSource,
      'the status API says the domain is being deleted',
    );

  const near = nearOrPastExpiry(f, read, ctx);
  if (near) return near;

  if (rdap) return decided('active', 'rdap_registered', 'rdap', 'the registry holds the domain');
  if (status?.registered)
    return decided('active', 'status_registered', statusSource, 'the status API says the domain is registered');
  // Unreachable while "usable" status words are exactly the ones decided above; kept as the safe
  // answer should the vocabulary grow.
  return noUsableEvidence(f);
}

export function classify(evidence: Evidence, ctx: ClassifyContext): Classification {
  const facts = gatherFacts(evidence);
  const { rdap } = facts;
  const registrar = readRegistrar(rdap, evidence, ctx);
  const read: Reading = {
    registration: readRegistration(rdap, ctx, platformFor(facts.rdapAnswer)),
    registrar: registrar.record,
    expiry: statedExpiry(rdap, registrar.record),
  };
  const { stage, item } = decideStage(facts, read, ctx);
  const extra = [read.registration.renewal, ...registrar.notes].filter((n): n is EvidenceItem => n !== null);
  return {
    stage,
    evidence: [item, ...collectNotes(facts, ctx, item.code), ...extra],
    // The owner's dates: a registrar's clearly earlier expiry is the one the lapse follows.
    timeline: buildTimeline(rdap && { ...rdap, expiresAt: read.expiry.at }, stage, ctx),
    handle: rdap?.handle ?? null,
    registeredAt: read.registration.registeredAt,
    expiresAt: read.expiry.at,
    registrar: rdap?.registrar?.name ?? null,
  };
}
