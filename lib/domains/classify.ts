import { DAY_MS } from '@/lib/domains/dates';
import { type Facts, collectNotes, expirationPassed, gatherFacts, hasStatus } from '@/lib/domains/evidence';
import { RDAP_STATUS } from '@/lib/domains/rdap/status';
import { buildTimeline } from '@/lib/domains/timeline';
import type { Classification, ClassifyContext, Evidence, EvidenceItem, RdapDomain, Stage } from '@/core/domains';

// One stage from all the evidence. The rules below are the contract; the first that matches wins:
//   1 unknown        no usable evidence (every source failed, or the status API said only "unknown")
//   2 available      RDAP 404, or status words say available and RDAP did not say registered
//   3 re_registered  registration later than verification / the previous registration, or a new handle
//   4 redemption     "redemption period" / "pending restore" (RDAP lists "pending delete" beside them)
//   5 pending_delete "pending delete" alone, or status word "deleting"
//   6 grace          "auto renew period", status word "expiring", or the expiration date has passed
//   7 expiring       expiration within the warning window
//   8 active         registered
// A failed source contributes nothing, so it can never produce a lapsing stage.

export const DEFAULT_WARNING_WINDOW_DAYS = 30;
export const DEFAULT_REGISTRATION_TOLERANCE_MS = DAY_MS;

interface Decision {
  stage: Stage;
  item: EvidenceItem;
}

function decided(stage: Stage, code: string, source: EvidenceItem['source'], message: string): Decision {
  return { stage, item: { kind: 'decided', code, source, message } };
}

/** The registration the registry describes now: a `reregistration` event supersedes `registration`. */
export function currentRegistration(rdap: RdapDomain | null): Date | null {
  const dates = [rdap?.registeredAt, rdap?.reregisteredAt].filter((d): d is Date => d instanceof Date);
  return dates.reduce<Date | null>((a, b) => (a === null || b.getTime() > a.getTime() ? b : a), null);
}

function reRegistration(rdap: RdapDomain, ctx: ClassifyContext): Decision | null {
  const tolerance = ctx.registrationToleranceMs ?? DEFAULT_REGISTRATION_TOLERANCE_MS;
  const registeredAt = currentRegistration(rdap);
  // A registration date in the future is a registry error, not evidence of a new holder.
  if (registeredAt && registeredAt.getTime() <= ctx.now.getTime() + tolerance) {
    const after = (reference: Date | null | undefined) =>
      reference != null && registeredAt.getTime() > reference.getTime() + tolerance;
    if (after(ctx.verifiedAt)) {
      const message = `registered on ${registeredAt.toISOString()}, after the address was verified`;
      return decided('re_registered', 'registration_after_verification', 'rdap', message);
    }
    if (after(ctx.previousRegisteredAt)) {
      const message = `registered on ${registeredAt.toISOString()}, later than the registration seen before`;
      return decided('re_registered', 'registration_changed', 'rdap', message);
    }
  }
  // A null handle on either side means "not known", never "changed".
  if (rdap.handle && ctx.previousHandle && rdap.handle.toLowerCase() !== ctx.previousHandle.toLowerCase()) {
    return decided(
      're_registered',
      'handle_changed',
      'rdap',
      'the registry object id (handle) differs from the one seen before',
    );
  }
  return null;
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

function decideStage(f: Facts, ctx: ClassifyContext): Decision {
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

  const renewed = rdap ? reRegistration(rdap, ctx) : null;
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

  if (hasStatus(rdap, RDAP_STATUS.autoRenewPeriod)) {
    return decided('grace', 'status_auto_renew_period', 'rdap', 'the registration expired and is in auto-renew grace');
  }
  if (status?.expiring)
    return decided('grace', 'status_expiring', statusSource, 'the status API says the domain is expiring');
  if (expirationPassed(rdap, ctx.now))
    return decided('grace', 'expiration_passed', 'rdap', 'the expiration date has passed');

  const windowDays = ctx.warningWindowDays ?? DEFAULT_WARNING_WINDOW_DAYS;
  const expiry = rdap?.expiresAt;
  if (expiry && expiry.getTime() - ctx.now.getTime() <= windowDays * DAY_MS) {
    return decided('expiring', 'expires_within_window', 'rdap', `the registration expires on ${expiry.toISOString()}`);
  }

  if (rdap) return decided('active', 'rdap_registered', 'rdap', 'the registry holds the domain');
  if (status?.registered)
    return decided('active', 'status_registered', statusSource, 'the status API says the domain is registered');
  // Unreachable while "usable" status words are exactly the ones decided above; kept as the safe
  // answer should the vocabulary grow.
  return noUsableEvidence(f);
}

export function classify(evidence: Evidence, ctx: ClassifyContext): Classification {
  const facts = gatherFacts(evidence);
  const { stage, item } = decideStage(facts, ctx);
  const { rdap } = facts;
  return {
    stage,
    evidence: [item, ...collectNotes(facts, ctx, item.code)],
    timeline: buildTimeline(rdap, stage, ctx),
    handle: rdap?.handle ?? null,
    registeredAt: currentRegistration(rdap),
    expiresAt: rdap?.expiresAt ?? null,
    registrar: rdap?.registrar?.name ?? null,
  };
}
