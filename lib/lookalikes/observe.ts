import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { type LookalikeCandidate, lookalikeCandidates } from '@/db/schema';
import type { Classification } from '@/core/domains';
import type { ApplyOptions } from '@/lib/scans/apply';
import type { DomainPlan } from '@/lib/scans/plan';
import { type LookalikeEvent, raiseLookalikeAlerts } from './alert';
import { isHeld, lookalikeNextCheckAt } from './schedule';

// A scan's results for look-alike candidates: what changed since the last check (registered, MX,
// A/AAAA), the candidate's own schedule, and the alerts. Called by applyPlans in the batch's
// transaction, so a candidate's state, its alerts and its audit rows commit with the check or not at all.

/** A known date or handle that differs: someone else's registration replaced the one we saw. */
function registrationChanged(before: DomainPlan['domain'], now: Classification): boolean {
  const dates = before.registeredAt && now.registeredAt && before.registeredAt.getTime() !== now.registeredAt.getTime();
  const handles = before.handle && now.handle && before.handle.toLowerCase() !== now.handle.toLowerCase();
  return Boolean(dates || handles);
}

interface Next {
  row: LookalikeCandidate;
  plan: DomainPlan;
  state: Pick<
    LookalikeCandidate,
    | 'baselineAt'
    | 'registered'
    | 'registeredSeenAt'
    | 'nameservers'
    | 'mx'
    | 'addresses'
    | 'hasMx'
    | 'mxSeenAt'
    | 'hasA'
    | 'aSeenAt'
  >;
  events: LookalikeEvent['kind'][];
}

function observe(row: LookalikeCandidate, plan: DomainPlan, now: Date): Next | null {
  const c = plan.classification;
  // No source answered: keep what we knew (the usual back-off schedules the retry).
  if (c.stage === 'unknown') return null;
  const held = isHeld(c.stage);
  const fresh = held && (!row.registered || registrationChanged(plan.domain, c));
  const dns = plan.checked.evidence.dns;
  // A resolver failure says nothing: the last answer stands (a new registration starts from none).
  const prevMx = fresh ? false : row.hasMx;
  const prevA = fresh ? false : row.hasA;
  const hasMx = held && (dns?.ok ? dns.value.mx.length > 0 : prevMx);
  const hasA = held && (dns?.ok ? (dns.value.addresses?.length ?? 0) > 0 : prevA);
  const baseline = row.baselineAt === null;
  const events: LookalikeEvent['kind'][] = [];
  if (!baseline) {
    if (fresh) events.push('registered');
    // Staff judged it benign: its mail server or page is expected; a new registration still alerts.
    else if (row.mark !== 'benign') {
      if (hasMx && !prevMx) events.push('mx');
      if (hasA && !prevA) events.push('a');
    }
  }
  return {
    row,
    plan,
    events,
    state: {
      baselineAt: row.baselineAt ?? now,
      registered: held,
      registeredSeenAt: fresh ? now : held ? (row.registeredSeenAt ?? now) : null,
      nameservers: dns?.ok ? dns.value.nameservers : held ? row.nameservers : [],
      mx: dns?.ok ? dns.value.mx : hasMx ? row.mx : [],
      addresses: dns?.ok ? (dns.value.addresses ?? []) : hasA ? row.addresses : [],
      hasMx,
      mxSeenAt: hasMx ? (prevMx ? row.mxSeenAt : now) : null,
      hasA,
      aSeenAt: hasA ? (prevA ? row.aSeenAt : now) : null,
    },
  };
}

export async function applyLookalikeResults(tx: DbOrTx, plans: DomainPlan[], opts: ApplyOptions): Promise<void> {
  if (plans.length === 0) return;
  const rows = await tx
    .select()
    .from(lookalikeCandidates)
    .where(
      inArray(
        lookalikeCandidates.domainId,
        plans.map((p) => p.domain.id),
      ),
    )
    .for('update');
  if (rows.length === 0) return;
  const byDomain = new Map(plans.map((p) => [p.domain.id, p]));
  const changes = rows.flatMap((row) => {
    const plan = byDomain.get(row.domainId);
    const next = plan ? observe(row, plan, opts.now) : null;
    return next ? [next] : [];
  });
  if (changes.length > 0)
    await tx.execute(sql`
      update lookalike_candidates c set baseline_at = v.baseline_at, registered = v.registered,
        registered_seen_at = v.registered_seen_at, nameservers = v.nameservers, mx = v.mx, addresses = v.addresses, has_mx = v.has_mx, mx_seen_at = v.mx_seen_at,
        has_a = v.has_a, a_seen_at = v.a_seen_at
      from json_to_recordset(${JSON.stringify(
        changes.map((n) => ({
          domain_id: n.row.domainId,
          baseline_at: n.state.baselineAt,
          registered: n.state.registered,
          registered_seen_at: n.state.registeredSeenAt,
          nameservers: n.state.nameservers,
          mx: n.state.mx,
          addresses: n.state.addresses,
          has_mx: n.state.hasMx,
          mx_seen_at: n.state.mxSeenAt,
          has_a: n.state.hasA,
          a_seen_at: n.state.aSeenAt,
        })),
      )}::json) as v(domain_id bigint, baseline_at timestamptz, registered boolean, registered_seen_at timestamptz,
        nameservers text[], mx text[], addresses text[], has_mx boolean, mx_seen_at timestamptz, has_a boolean, a_seen_at timestamptz)
      where c.domain_id = v.domain_id`);
  await scheduleCandidates(tx, rows, byDomain, changes, opts);
  await raiseLookalikeAlerts(
    tx,
    changes.flatMap((n) => n.events.map((kind) => ({ kind, plan: n.plan, state: n.state, unicode: n.row.unicode }))),
    opts,
  );
}

/**
 * The candidate's cadence replaces the usual one (which checks a free domain daily, as if it were a
 * maintainer's lapsing domain) unless the domain also has addresses (then the sooner of the two).
 * A check no source answered backs off as usual but never past the cadence: a TLD with no RDAP
 * would otherwise cost a paid status-API call every day at the back-off's ceiling.
 */
async function scheduleCandidates(
  tx: DbOrTx,
  rows: LookalikeCandidate[],
  plans: Map<number, DomainPlan>,
  changes: Next[],
  opts: ApplyOptions,
) {
  const { now } = opts;
  const stateOf = new Map(changes.map((n) => [n.row.domainId, n.state]));
  const due = rows.flatMap((row) => {
    const plan = plans.get(row.domainId);
    if (!plan) return [];
    const cadence = lookalikeNextCheckAt({ ...(stateOf.get(row.domainId) ?? row), now });
    const failures = plan.classification.stage === 'unknown' ? plan.domain.consecutiveFailures + 1 : 0;
    const backoff =
      now.getTime() + opts.settings.recheck.errorBackoffBaseMinutes * 60_000 * 2 ** Math.min(failures - 1, 30);
    const at = failures > 0 ? Math.min(backoff, cadence.getTime()) : cadence.getTime();
    return [{ id: row.domainId, at: new Date(at).toISOString(), alone: plan.addresses.length === 0 }];
  });
  if (due.length === 0) return;
  await tx.execute(sql`
    update domains d set next_check_at = case when v.alone then v.at else least(d.next_check_at, v.at) end
    from json_to_recordset(${JSON.stringify(due)}::json) as v(id bigint, at timestamptz, alone boolean)
    where d.id = v.id`);
}
