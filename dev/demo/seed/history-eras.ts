import type { Classification, Stage } from '@/core/domains';
import { isFarFuture } from '@/lib/domains/dates';
import { lifecycleFor } from '@/lib/domains/timeline';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import type { DemoDomain } from '@/dev/peers/protocol-server/dataset';
import { between, hashString, type Rng, seededRng } from '@/dev/peers/protocol-server/random';
import { recordFor } from '@/dev/peers/protocol-server/scenarios';

// How each demo domain got to the stage the registry serves today: a list of eras (a stage from a
// moment on, with what RDAP said then), built backwards from the record's own dates along the
// lifecycle the engine assumes (lib/domains/timeline.ts). The seed's checks read these eras, so
// the observations, stage changes and flags of the demo tell one story that ends in today's record.

const DAY = 86_400_000;
const WARNING_DAYS = DEFAULT_POLICY_SETTINGS.warningWindowDays;

/** What an RDAP answer said during an era; null when the registry had no such domain. */
export interface RegistrationFacts {
  handle: string | null;
  registrar: string | null;
  registeredAt: Date | null;
  expiresAt: Date | null;
  deletionAt: Date | null;
  statuses: string[];
}

export interface Era {
  from: number;
  stage: Stage;
  registration: RegistrationFacts | null;
}

/** The RDAP statuses a registry shows in each phase of a lapse. */
const LAPSE_STATUSES: Partial<Record<Stage, string[]>> = {
  active: ['client transfer prohibited'],
  expiring: ['client transfer prohibited'],
  grace: ['auto renew period', 'client transfer prohibited'],
  redemption: ['redemption period', 'pending delete'],
  pending_delete: ['pending delete'],
};

/**
 * The eras of one demo domain, oldest first; the first reaches back indefinitely and the last is
 * the stage the classifier gives today's record (`c`), from a moment at least two days ago.
 */
export function domainEras(d: DemoDomain, c: Classification, now: Date): Era[] {
  const rng = seededRng(hashString(`${d.name}#history`));
  const n = now.getTime();
  const current = currentFacts(d);
  const expiry = current?.expiresAt?.getTime() ?? null;
  switch (c.stage) {
    case 'expiring':
    case 'grace':
    case 'redemption':
    case 'pending_delete':
      if (expiry === null) break;
      return lapseEras(d.name, expiry, current, {
        last: c.stage,
        graceDays: lifecycleFor(d.name).graceDays,
        today: true,
      });
    case 'available':
      return droppedEras(d, c, n, rng);
    case 're_registered':
      return reRegisteredEras(d, c, n, rng);
    case 'active':
      if (expiry !== null && !isFarFuture(new Date(expiry))) return renewedEras(d.name, expiry, current, n, rng);
      break;
  }
  return [{ from: Number.NEGATIVE_INFINITY, stage: c.stage, registration: current }];
}

function currentFacts(d: DemoDomain): RegistrationFacts | null {
  const r = d.record.rdap;
  if (!r) return null;
  return {
    handle: r.handle,
    registrar: r.registrar.name,
    registeredAt: new Date(r.registeredAt),
    expiresAt: r.expiresAt ? new Date(r.expiresAt) : null,
    deletionAt: r.deletionAt ? new Date(r.deletionAt) : null,
    statuses: r.statuses,
  };
}

/**
 * A registration that expired at `expiry` and was not renewed, up to `last`: active, expiring from
 * the warning window on, then grace, redemption and pending delete for the TLD's periods
 * (`graceDays` may be shorter: registrars often delete early), then available. `today`: the last
 * era is today's record, whose own statuses (and announced deletion) it keeps.
 */
function lapseEras(
  name: string,
  expiry: number,
  facts: RegistrationFacts | null,
  options: { last: Stage; graceDays: number; today: boolean },
): Era[] {
  const { last, graceDays } = options;
  const rules = lifecycleFor(name);
  const order: [Stage, number][] = [
    ['active', Number.NEGATIVE_INFINITY],
    ['expiring', expiry - WARNING_DAYS * DAY],
    ['grace', expiry],
    ['redemption', expiry + graceDays * DAY],
    ['pending_delete', expiry + (graceDays + (rules.redemptionDays ?? 0)) * DAY],
    ['available', expiry + (graceDays + (rules.redemptionDays ?? 0) + rules.pendingDeleteDays) * DAY],
  ];
  const eras: Era[] = [];
  for (const [stage, from] of order) {
    // Phases of no length (no redemption at Nominet, no grace at EURid) are skipped.
    const next = order[order.findIndex(([s]) => s === stage) + 1]?.[1];
    if (stage !== last && next !== undefined && next <= from) continue;
    const asToday = stage === last && options.today;
    const registration =
      stage === 'available' || !facts
        ? null
        : asToday
          ? facts
          : { ...facts, statuses: LAPSE_STATUSES[stage] ?? facts.statuses, deletionAt: null };
    eras.push({ from, stage, registration });
    if (stage === last) break;
  }
  return eras;
}

/** The registration before the current one (or before the drop), as RDAP showed it then. */
function previousFacts(d: DemoDomain, now: Date, expiresAt: number | null): RegistrationFacts {
  // The dataset fixes each name's original registrar; a record of that registration shows it.
  const original = recordFor('expiring', d.name, now).rdap;
  return {
    handle: d.record.previous?.handle ?? original?.handle ?? null,
    registrar: original?.registrar.name ?? null,
    registeredAt: d.record.previous ? new Date(d.record.previous.registeredAt) : null,
    expiresAt: expiresAt === null ? null : new Date(expiresAt),
    deletionAt: null,
    statuses: ['client transfer prohibited'],
  };
}

/** Available: the old registration lapsed after the owner verified, and dropped days to months ago. */
function droppedEras(d: DemoDomain, c: Classification, n: number, rng: Rng): Era[] {
  const rules = lifecycleFor(d.name);
  const lapseDays = rules.graceDays + (rules.redemptionDays ?? 0) + rules.pendingDeleteDays;
  const verified = d.record.verifiedAt ? Date.parse(d.record.verifiedAt) : n - 900 * DAY;
  const earliest = Math.max(verified + (lapseDays + 5) * DAY, n - 300 * DAY);
  const drop = Math.min(Math.max(earliest, n - between(rng, 10, 300) * DAY), n - 3 * DAY);
  const expiry = drop - lapseDays * DAY;
  return lapseEras(d.name, expiry, previousFacts(d, new Date(n), expiry), {
    last: c.stage,
    graceDays: rules.graceDays,
    today: true,
  });
}

/**
 * Re-registered: the old registration lapsed and dropped, and a stranger registered the name on
 * the stated date. The lapse fits between the owner's verification and that date (when it cannot,
 * the registrar deleted the name at expiry).
 */
function reRegisteredEras(d: DemoDomain, c: Classification, n: number, rng: Rng): Era[] {
  const current = currentFacts(d);
  const registered = c.registeredAt?.getTime() ?? n - 10 * DAY;
  const verified = d.record.verifiedAt ? Date.parse(d.record.verifiedAt) : registered - 400 * DAY;
  const rules = lifecycleFor(d.name);
  const afterGrace = (rules.redemptionDays ?? 0) + rules.pendingDeleteDays;
  const room = Math.floor((registered - verified) / DAY) - 2;
  const taken: Era = { from: registered, stage: 're_registered', registration: current };
  if (room < afterGrace + 2) {
    // Verified shortly before: no room for a full lapse. The registrar deleted the name at expiry
    // (some do), and it was caught the day after it dropped.
    const dropped = registered - DAY;
    const before = previousFacts(d, new Date(n), dropped);
    return [
      { from: Number.NEGATIVE_INFINITY, stage: 'active', registration: before },
      { from: dropped - WARNING_DAYS * DAY, stage: 'expiring', registration: before },
      { from: dropped, stage: 'available', registration: null },
      taken,
    ];
  }
  const availableDays = between(rng, 1, Math.min(10, room - afterGrace - 1));
  const graceDays = between(rng, 0, Math.min(rules.graceDays, room - afterGrace - availableDays - 1));
  const expiry = registered - (availableDays + afterGrace + graceDays) * DAY;
  const lapse = lapseEras(d.name, expiry, previousFacts(d, new Date(n), expiry), {
    last: 'available',
    graceDays,
    today: false,
  });
  return [...lapse, taken];
}

/**
 * Active: a year before today's expiry the previous term ran out. Most owners renewed while it
 * was expiring, some in grace, a few only in redemption (the registry restored the name): each
 * leaves its trace in the checks, and the last one a flag that the renewal resolved.
 */
function renewedEras(name: string, expiry: number, current: RegistrationFacts | null, n: number, rng: Rng): Era[] {
  const previousExpiry = expiry - 365 * DAY;
  const single: Era[] = [{ from: Number.NEGATIVE_INFINITY, stage: 'active', registration: current }];
  if (previousExpiry - WARNING_DAYS * DAY > n - 3 * DAY) return single;
  const graceDays = lifecycleFor(name).graceDays;
  const roll = rng();
  let renewed =
    roll < 0.6
      ? previousExpiry - between(rng, 1, WARNING_DAYS - 5) * DAY
      : roll < 0.85
        ? previousExpiry + between(rng, 1, Math.max(1, graceDays - 5)) * DAY
        : previousExpiry + (graceDays + between(rng, 2, 25)) * DAY;
  // A renewal needs time to be seen before today, and a restored owner time to verify again.
  if (renewed > n - 8 * DAY) renewed = Math.min(previousExpiry - DAY, n - 3 * DAY);
  const old = current ? { ...current, expiresAt: new Date(previousExpiry) } : null;
  const before = lapseEras(name, previousExpiry, old, { last: 'redemption', graceDays, today: false }).filter(
    (e) => e.from < renewed,
  );
  return [...before, { from: renewed, stage: 'active', registration: current }];
}
