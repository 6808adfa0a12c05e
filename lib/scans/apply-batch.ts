import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { type Scan, type ScanCounters, scans } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { checkBlastRadius } from '@/lib/policy/blast-radius';
import type { PolicySettings } from '@/lib/policy/settings';
import { type ApplyTotals, applyPlans, emptyTotals } from './apply';
import { type CheckResult, planBatch, plannedUnverifies } from './plan';

/** Who scans act as, in audit rows and verbs. */
export const SCAN_ACTOR: Actor = { type: 'job', name: 'scan' };

/**
 * Applies one checked batch of a scan in one transaction: plans it, weighs the blast-radius guard
 * over the scan's running totals (the scan row locked, so batches of one scan apply one at a time
 * across workers), applies or holds, and adds to the scan's counters.
 */
export async function applyBatch(
  db: Db,
  scan: Scan,
  results: CheckResult[],
  settings: PolicySettings,
  now: Date,
): Promise<Scan> {
  return db.transaction(async (tx) => {
    // Serialises batches of one scan across workers, so the guard's running totals stay exact.
    const [locked] = await tx.select().from(scans).where(eq(scans.id, scan.id)).for('update');
    if (locked?.state !== 'running') return locked ?? scan;
    const plans = await planBatch(tx, results, settings, now);
    const before = locked.counters;
    const planned = plans.reduce((n, p) => n + plannedUnverifies(p), 0);
    const verified = plans.reduce((n, p) => n + p.addresses.filter((a) => a.verified).length, 0);
    const verdict = checkBlastRadius(
      {
        plannedUnverify: before.addressesUnverified + planned,
        verifiedChecked: (before.verifiedAddressesChecked ?? 0) + verified,
      },
      settings,
    );
    const hold = locked.guardTripped || (planned > 0 && !verdict.allowed);
    const totals: ApplyTotals = emptyTotals();
    await applyPlans(tx, plans, { scanId: scan.id, actor: SCAN_ACTOR, now, settings, hold }, totals);
    if (hold && !locked.guardTripped && !verdict.allowed) {
      await recordAudit(tx, SCAN_ACTOR, {
        action: 'scan.guard_tripped',
        targetType: 'scan',
        targetId: scan.id,
        details: { reason: verdict.reason, planned },
      });
    }
    const [updated] = await tx
      .update(scans)
      .set({
        checked: sql`${scans.checked} + ${results.length}`,
        counters: addCounters(before, totals),
        heartbeatAt: now,
        guardTripped: hold || locked.guardTripped,
      })
      .where(eq(scans.id, scan.id))
      .returning();
    return updated ?? locked;
  });
}

function addCounters(a: ScanCounters, b: ApplyTotals): ScanCounters {
  const out: ScanCounters = { ...a };
  for (const key of Object.keys(b) as (keyof ApplyTotals)[]) out[key] = (a[key] ?? 0) + b[key];
  return out;
}
