import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type Domain, flags, type ScanCounters } from '@/db/schema';
import { unverifyAddresses } from '@/lib/addresses/unverify';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { CheckedDomain } from '@/lib/domains/check';
import type { Classification, Stage } from '@/core/domains';
import { queueUserNotice } from '@/lib/notify/queue';
import { decidePolicy, isSameRegistration, type PolicyAction } from '@/lib/policy/decide';
import { nextCheckAt } from '@/lib/policy/recheck';
import type { PolicySettings } from '@/lib/policy/settings';
import { type AddressRow, loadAddressesOf, toDomainState } from './domain-state';
import { insertObservations, observationRows } from './observations';
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

/** A batch's counts: the scan's counters (db/schema/scans.ts), every one of them present. */
export type ApplyTotals = Required<ScanCounters>;

export const emptyTotals = (): ApplyTotals => ({
  domainsChecked: 0,
  domainsChanged: 0,
  domainsErrored: 0,
  addressesUnverified: 0,
  flagsOpened: 0,
  flagsResolved: 0,
  notificationsQueued: 0,
  flagsHeldForReview: 0,
  verifiedAddressesChecked: 0,
});

export interface CheckResult {
  domain: Domain;
  checked: CheckedDomain;
  checkStartedAt: Date;
}

/** The policy's decisions for a batch of results, from one read of the addresses involved. */
export async function planBatch(
  tx: DbOrTx,
  results: CheckResult[],
  settings: PolicySettings,
  now: Date,
): Promise<DomainPlan[]> {
  const addressesOf = await loadAddressesOf(
    tx,
    results.map((r) => r.domain.name),
    now,
  );
  return results.map(({ domain, checked, checkStartedAt }) => {
    const addresses = addressesOf.get(domain.name) ?? [];
    const classification = sticky(domain, checked.classification);
    const actions = decidePolicy(toDomainState(domain, addresses), classification, settings);
    return { domain, checked, classification, addresses, actions, checkStartedAt };
  });
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
  return {
    ...c,
    stage: 're_registered',
    evidence: [
      {
        kind: 'decided',
        code: 'still_re_registered',
        source: 'context',
        message: 'the registration that replaced the verified one is still in place',
      },
      ...c.evidence.filter((e) => e.kind === 'note'),
    ],
  };
}

export const plannedUnverifies = (plan: DomainPlan) => plan.actions.filter((a) => a.type === 'unverify').length;

/**
 * Writes a batch of results: observations, each domain's new state and schedule (one statement
 * each for the whole batch), then the policy's actions with their audit rows. `hold` = the
 * blast-radius guard tripped: unverifications become pending_review flags for a human, and nobody
 * is told their address was unverified.
 */
export async function applyPlans(tx: DbOrTx, plans: DomainPlan[], opts: ApplyOptions, totals: ApplyTotals) {
  if (plans.length === 0) return;
  await insertObservations(
    tx,
    plans.flatMap((p) => observationRows(p.domain.id, opts.scanId, p.checked, opts.now, p.classification)),
  );
  const updates = plans.map((p) => domainUpdate(p, opts, totals));
  await tx.execute(sql`
    update domains d set
      stage = v.stage::domain_stage, stage_since = v.stage_since, registered_at = v.registered_at, handle = v.handle,
      expires_at = v.expires_at, registrar = v.registrar, timeline = v.timeline, evidence = v.evidence,
      last_checked_at = v.last_checked_at, consecutive_failures = v.consecutive_failures, next_check_at = v.next_check_at,
      checking_until = null
    from json_to_recordset(${JSON.stringify(updates)}::json) as v(id bigint, stage text, stage_since timestamptz, registered_at timestamptz,
      handle text, expires_at timestamptz, registrar text, timeline jsonb, evidence jsonb, last_checked_at timestamptz,
      consecutive_failures int, next_check_at timestamptz)
    where d.id = v.id`);
  const unverified = await unverifyBatch(tx, plans, opts, totals);
  for (const plan of plans)
    if (plan.actions.some((a) => a.type !== 'none')) await applyActions(tx, plan, opts, totals, unverified);
}

/**
 * The batch's unverifications in one call of the shared verb (one statement for every domain),
 * each guarded by when its domain's check began; the verb writes their audit rows and "address
 * unverified" notices. Under the guard's hold nothing is unverified and nobody is told.
 */
async function unverifyBatch(tx: DbOrTx, plans: DomainPlan[], opts: ApplyOptions, totals: ApplyTotals) {
  if (opts.hold) return new Set<number>();
  const addresses = plans.flatMap((plan) => {
    const byId = new Map(plan.addresses.map((a) => [a.emailId, a]));
    return plan.actions.flatMap((action) => {
      const address = action.type === 'unverify' ? byId.get(action.emailId) : undefined;
      if (action.type !== 'unverify' || !address) return [];
      return [
        {
          emailId: action.emailId,
          userId: address.userId,
          address: address.address,
          domain: plan.domain.name,
          stage: action.stage,
          expiresAt: plan.classification.expiresAt,
          checkStartedAt: plan.checkStartedAt,
          details: { scanId: opts.scanId },
        },
      ];
    });
  });
  const done = await unverifyAddresses({
    ctx: { tx, actor: opts.actor, now: opts.now },
    input: { reason: 'domain_lifecycle', addresses },
  });
  totals.addressesUnverified += done.unverified.length;
  totals.notificationsQueued += done.notificationsQueued;
  return new Set(done.unverified);
}

export interface ApplyOptions {
  scanId: number | null;
  actor: Actor;
  now: Date;
  settings: PolicySettings;
  hold: boolean;
}

/** One check's effect on its domain row. An unknown result keeps what was known and backs off. */
function domainUpdate(plan: DomainPlan, opts: ApplyOptions, totals: ApplyTotals) {
  const { domain } = plan;
  const c = plan.classification;
  const known = c.stage !== 'unknown';
  const failures = known ? 0 : domain.consecutiveFailures + 1;
  // A registry that no longer has the domain (available) states no registration: keep the last one
  // seen, it is what a later re-registration is recognised against.
  const expiresAt = known && c.expiresAt ? storableDate(c.expiresAt) : domain.expiresAt;
  const stage = known ? c.stage : domain.stage;
  totals.domainsChecked += 1;
  if (!known) totals.domainsErrored += 1;
  else if (c.stage !== domain.stage) totals.domainsChanged += 1;
  totals.verifiedAddressesChecked += plan.addresses.filter((a) => a.verified).length;
  return {
    id: domain.id,
    stage,
    stage_since: known && c.stage !== domain.stage ? opts.now : domain.stageSince,
    registered_at: (known ? storableDate(c.registeredAt) : null) ?? domain.registeredAt,
    handle: (known ? c.handle : null) ?? domain.handle,
    expires_at: expiresAt,
    registrar: (known ? c.registrar : null) ?? domain.registrar,
    timeline: known ? c.timeline : domain.timeline,
    evidence: known ? c.evidence : domain.evidence,
    last_checked_at: opts.now,
    consecutive_failures: failures,
    next_check_at: nextCheckAt({ stage, expiresAt, now: opts.now, consecutiveFailures: failures }, opts.settings),
  };
}

async function applyActions(
  tx: DbOrTx,
  plan: DomainPlan,
  opts: ApplyOptions,
  totals: ApplyTotals,
  unverified: ReadonlySet<number>,
) {
  const { domain } = plan;
  const c = plan.classification;
  const audits: AuditInput[] = [];
  // Re-verified while we were checking: this result is older than the verification. (Under the
  // hold nothing was meant to be unverified: the flags still open, as pending_review.)
  const skipped = new Set(
    opts.hold
      ? []
      : plan.actions.flatMap((a) => (a.type === 'unverify' && !unverified.has(a.emailId) ? [a.emailId] : [])),
  );
  const byId = new Map(plan.addresses.map((a) => [a.emailId, a]));
  // `unverify` actions were done for the whole batch by unverifyBatch.
  for (const action of plan.actions) {
    if (action.type === 'open_flag') {
      if (skipped.has(action.emailId)) continue;
      const state = opts.hold && byId.get(action.emailId)?.verified ? 'pending_review' : 'open';
      const opened = await tx
        .insert(flags)
        .values({
          emailId: action.emailId,
          domainId: domain.id,
          scanId: opts.scanId,
          stage: action.stage,
          state,
          createdAt: opts.now,
        })
        .onConflictDoNothing()
        .returning({ id: flags.id });
      if (opened[0]) {
        if (state === 'pending_review') totals.flagsHeldForReview += 1;
        else totals.flagsOpened += 1;
        audits.push({
          action: state === 'open' ? 'flag.open' : 'flag.hold_for_review',
          targetType: 'flag',
          targetId: opened[0].id,
          details: {
            address: byId.get(action.emailId)?.address,
            domain: domain.name,
            stage: action.stage,
            scanId: opts.scanId,
          },
        });
      }
    } else if (action.type === 'notify') {
      // "Address unverified" is the unverify verb's notice, queued with the unverification itself.
      if (skipped.has(action.emailId) || action.kind === 'address_unverified') continue;
      const address = byId.get(action.emailId);
      if (!address) continue;
      totals.notificationsQueued += await queueUserNotice(tx, {
        userId: address.userId,
        emailId: action.emailId,
        kind: action.kind,
        dedupeKey: action.dedupeKey,
        payload: {
          address: address.address,
          domain: domain.name,
          stage: action.stage,
          expiresAt: c.expiresAt?.toISOString() ?? null,
        },
        mailTo: action.kind === 'domain_expiring' ? 'subject' : 'others',
      });
    } else if (action.type === 'resolve_flag') {
      const resolved = await tx
        .update(flags)
        .set({ state: 'resolved', resolvedAt: opts.now, resolution: action.resolution })
        .where(and(eq(flags.id, action.flagId), inArray(flags.state, ['open', 'pending_review'])))
        .returning({ id: flags.id });
      if (resolved[0]) {
        totals.flagsResolved += 1;
        audits.push({
          action: 'flag.resolve',
          targetType: 'flag',
          targetId: action.flagId,
          details: { domain: domain.name, resolution: action.resolution, scanId: opts.scanId },
        });
      }
    } else if (action.type === 'escalate_flag') {
      const moved = await tx
        .update(flags)
        .set({ stage: action.stage })
        .where(and(eq(flags.id, action.flagId), sql`${flags.stage} <> ${action.stage}`))
        .returning({ id: flags.id });
      if (moved[0])
        audits.push({
          action: 'flag.escalate',
          targetType: 'flag',
          targetId: action.flagId,
          details: { domain: domain.name, stage: action.stage, scanId: opts.scanId },
        });
    }
  }
  await recordAudit(tx, opts.actor, audits);
}
