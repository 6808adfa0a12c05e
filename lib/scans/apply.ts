import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type Domain, domains, emails, flags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAuditMany } from '@/lib/audit/record';
import type { CheckedDomain } from '@/lib/domains/check';
import type { Classification, Stage } from '@/lib/domains/types';
import { queueUserNotice } from '@/lib/notify/queue';
import { decidePolicy, isSameRegistration, type PolicyAction } from '@/lib/policy/decide';
import { nextCheckAt } from '@/lib/policy/recheck';
import type { PolicySettings } from '@/lib/policy/settings';
import { type AddressRow, loadAddresses, toDomainState } from './domain-state';
import { recordObservations } from './observations';
import { storableDate } from './storable-date';

export interface DomainPlan {
  domain: Domain;
  checked: CheckedDomain;
  /** The classification as applied (see `sticky`). */
  classification: Classification;
  addresses: AddressRow[];
  actions: PolicyAction[];
  /** When the check began: an address (re)verified after it is never touched by this result. */
  checkStartedAt: Date;
}

export interface ApplyTotals {
  domainsChecked: number;
  domainsChanged: number;
  domainsErrored: number;
  addressesUnverified: number;
  flagsOpened: number;
  flagsResolved: number;
  notificationsQueued: number;
  flagsHeldForReview: number;
  verifiedAddressesChecked: number;
}

export const emptyTotals = (): ApplyTotals => ({ domainsChecked: 0, domainsChanged: 0, domainsErrored: 0, addressesUnverified: 0, flagsOpened: 0, flagsResolved: 0, notificationsQueued: 0, flagsHeldForReview: 0, verifiedAddressesChecked: 0 });

export async function planDomain(tx: DbOrTx, domain: Domain, checked: CheckedDomain, settings: PolicySettings, checkStartedAt: Date, now: Date): Promise<DomainPlan> {
  const addresses = await loadAddresses(tx, domain.name, now);
  const classification = sticky(domain, checked.classification);
  const actions = decidePolicy(toDomainState(domain, addresses), classification, settings);
  return { domain, checked, classification, addresses, actions, checkStartedAt };
}

const REGISTERED: readonly Stage[] = ['active', 'expiring'];

/**
 * Once re-registered, a domain stays re_registered while the registration that replaced the one
 * the addresses were verified under is still in place: that registration looks perfectly healthy
 * to the registry, and "active" would read as "safe" to a reviewer. A new registration, a lapse
 * of the stranger's registration, or a human override is what moves it on.
 */
function sticky(domain: Domain, c: Classification): Classification {
  if (domain.stage !== 're_registered' || !REGISTERED.includes(c.stage)) return c;
  if (!isSameRegistration({ registeredAt: domain.registeredAt, handle: domain.handle }, c)) return c;
  return { ...c, stage: 're_registered', evidence: [{ kind: 'decided', code: 'still_re_registered', source: 'context', message: 'the registration that replaced the verified one is still in place' }, ...c.evidence.filter((e) => e.kind === 'note')] };
}

export const plannedUnverifies = (plan: DomainPlan) => plan.actions.filter((a) => a.type === 'unverify').length;

/**
 * Writes one check's result: observations, the domain's new state and schedule, and the policy's
 * actions with their audit rows. `hold` = the blast-radius guard tripped: unverifications become
 * pending_review flags for a human, and nobody is told their address was unverified.
 */
export async function applyPlan(tx: DbOrTx, plan: DomainPlan, opts: { scanId: number | null; actor: Actor; now: Date; settings: PolicySettings; hold: boolean }, totals: ApplyTotals) {
  const { domain, checked } = plan;
  const c = plan.classification;
  const known = c.stage !== 'unknown';
  await recordObservations(tx, domain.id, opts.scanId, checked, opts.now, c);
  const failures = known ? 0 : domain.consecutiveFailures + 1;
  // A registry that no longer has the domain (available) states no registration: keep the last one
  // seen, it is what a later re-registration is recognised against.
  const expiresAt = known && c.expiresAt ? storableDate(c.expiresAt) : domain.expiresAt;
  await tx
    .update(domains)
    .set({
      // An unknown result says nothing about the domain: keep what was known, retry with back-off.
      ...(known
        ? { stage: c.stage, stageSince: c.stage === domain.stage ? domain.stageSince : opts.now, registeredAt: storableDate(c.registeredAt) ?? domain.registeredAt, handle: c.handle ?? domain.handle, expiresAt, registrar: c.registrar ?? domain.registrar, timeline: c.timeline, evidence: c.evidence }
        : {}),
      lastCheckedAt: opts.now,
      consecutiveFailures: failures,
      nextCheckAt: nextCheckAt({ stage: known ? c.stage : domain.stage, expiresAt, now: opts.now, consecutiveFailures: failures }, opts.settings),
      checkingUntil: null,
    })
    .where(eq(domains.id, domain.id));
  totals.domainsChecked += 1;
  if (!known) totals.domainsErrored += 1;
  else if (c.stage !== domain.stage) totals.domainsChanged += 1;
  totals.verifiedAddressesChecked += plan.addresses.filter((a) => a.verified).length;

  const audits: AuditInput[] = [];
  const skipped = new Set<number>();
  const byId = new Map(plan.addresses.map((a) => [a.emailId, a]));
  for (const action of plan.actions) {
    if (action.type === 'unverify') {
      if (opts.hold) continue;
      const done = await tx
        .update(emails)
        .set({ verified: false, unverifyReason: 'domain_lifecycle', unverifiedAt: opts.now })
        .where(and(eq(emails.id, action.emailId), eq(emails.verified, true), or(isNull(emails.verifiedAt), lte(emails.verifiedAt, plan.checkStartedAt))))
        .returning({ id: emails.id });
      if (done.length === 0) {
        // Re-verified while we were checking: this result is older than the verification.
        skipped.add(action.emailId);
        continue;
      }
      totals.addressesUnverified += 1;
      audits.push({ action: 'email.unverify', targetType: 'email', targetId: action.emailId, details: { address: byId.get(action.emailId)?.address, domain: domain.name, stage: action.stage, reason: 'domain_lifecycle', scanId: opts.scanId } });
    } else if (action.type === 'open_flag') {
      if (skipped.has(action.emailId)) continue;
      const state = opts.hold && byId.get(action.emailId)?.verified ? 'pending_review' : 'open';
      const opened = await tx.insert(flags).values({ emailId: action.emailId, domainId: domain.id, scanId: opts.scanId, stage: action.stage, state, createdAt: opts.now }).onConflictDoNothing().returning({ id: flags.id });
      if (opened[0]) {
        if (state === 'pending_review') totals.flagsHeldForReview += 1;
        else totals.flagsOpened += 1;
        audits.push({ action: state === 'open' ? 'flag.open' : 'flag.hold_for_review', targetType: 'flag', targetId: opened[0].id, details: { address: byId.get(action.emailId)?.address, domain: domain.name, stage: action.stage, scanId: opts.scanId } });
      }
    } else if (action.type === 'notify') {
      if (skipped.has(action.emailId) || (opts.hold && action.kind === 'address_unverified')) continue;
      const address = byId.get(action.emailId);
      if (!address) continue;
      totals.notificationsQueued += await queueUserNotice(tx, {
        userId: address.userId,
        emailId: action.emailId,
        kind: action.kind,
        dedupeKey: action.dedupeKey,
        payload: { address: address.address, domain: domain.name, stage: action.stage, expiresAt: c.expiresAt?.toISOString() ?? null },
        mailTo: action.kind === 'domain_expiring' ? 'subject' : 'others',
      });
    } else if (action.type === 'resolve_flag') {
      const resolved = await tx.update(flags).set({ state: 'resolved', resolvedAt: opts.now, resolution: action.resolution }).where(and(eq(flags.id, action.flagId), inArray(flags.state, ['open', 'pending_review']))).returning({ id: flags.id });
      if (resolved[0]) {
        totals.flagsResolved += 1;
        audits.push({ action: 'flag.resolve', targetType: 'flag', targetId: action.flagId, details: { domain: domain.name, resolution: action.resolution, scanId: opts.scanId } });
      }
    } else if (action.type === 'escalate_flag') {
      const moved = await tx.update(flags).set({ stage: action.stage }).where(and(eq(flags.id, action.flagId), sql`${flags.stage} <> ${action.stage}`)).returning({ id: flags.id });
      if (moved[0]) audits.push({ action: 'flag.escalate', targetType: 'flag', targetId: action.flagId, details: { domain: domain.name, stage: action.stage, scanId: opts.scanId } });
    }
  }
  await recordAuditMany(tx, opts.actor, audits);
}
