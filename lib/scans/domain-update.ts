import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { nextCheckAt } from '@/lib/policy/recheck';
import type { ApplyOptions, ApplyTotals } from './apply';
import type { DomainPlan } from './plan';
import { storableDate } from './storable-date';

/** Each checked domain's new state and schedule, one statement for the whole batch. */
export async function writeDomainStates(tx: DbOrTx, plans: DomainPlan[], opts: ApplyOptions, totals: ApplyTotals) {
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
