import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { flags, type ScanCounters } from '@/db/schema';
import { unverifyAddresses } from '@/lib/addresses/unverify';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import { queueUserNotice } from '@/lib/notify/queue';
import type { PolicySettings } from '@/lib/policy/settings';
import type { DomainPlan } from './plan';
import { insertObservations, observationRows } from './observations';
import { writeDomainStates } from './domain-update';
import { applyLookalikeResults } from '@/lib/lookalikes/observe';

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
  await writeDomainStates(tx, plans, opts, totals);
  // Look-alike candidates: their own state, schedule and alerts (no addresses, so no flags below).
  await applyLookalikeResults(tx, plans, opts);
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
          // The calendar reminder (30, 7, 1 days before the stated expiry) this notice is.
          ...(action.reminderDays ? { reminderDays: action.reminderDays } : {}),
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
