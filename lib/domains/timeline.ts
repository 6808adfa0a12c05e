import { DAY_MS, isFarFuture } from '@/lib/domains/dates';
import type { ClassifyContext, RdapDomain, Stage, Timeline, TimelineDate } from '@/core/domains';

// When each phase of a lapse ends. Registries state few of these dates (RDAP has `expiration` and,
// rarely, `deletion`); the rest are estimates from the published periods, and are upper bounds:
// registrars may move a domain to redemption well before the 45 days of auto-renew grace are over.
// Check a registry's current policy before relying on a number here.

export interface TldLifecycle {
  /** Days after expiry during which a plain renewal brings the domain back. */
  graceDays: number;
  /** Days of redemption (or quarantine) after grace; null when the registry has no such phase. */
  redemptionDays: number | null;
  /** Days between the end of redemption and release. */
  pendingDeleteDays: number;
}

/** ICANN gTLD contracts: auto-renew grace up to 45 days, RGP 30 days, pending delete 5 days. */
export const GTLD_LIFECYCLE: TldLifecycle = { graceDays: 45, redemptionDays: 30, pendingDeleteDays: 5 };

/** ccTLDs whose rules differ from the gTLD defaults, by last label. */
export const TLD_LIFECYCLES: Readonly<Record<string, TldLifecycle>> = {
  // Nominet: no redemption; an unrenewed domain is suspended, then cancelled ~90 days after expiry
  // and released straight away.
  uk: { graceDays: 90, redemptionDays: null, pendingDeleteDays: 0 },
  // EURid, DNS Belgium, SIDN: a deleted or expired domain sits 40 days in quarantine, during which
  // only the previous holder may reclaim it; it is released when quarantine ends.
  eu: { graceDays: 0, redemptionDays: 40, pendingDeleteDays: 0 },
  be: { graceDays: 0, redemptionDays: 40, pendingDeleteDays: 0 },
  nl: { graceDays: 0, redemptionDays: 40, pendingDeleteDays: 0 },
};

export function lifecycleFor(ldhName: string): TldLifecycle {
  const tld = ldhName.slice(ldhName.lastIndexOf('.') + 1);
  return Object.hasOwn(TLD_LIFECYCLES, tld) ? (TLD_LIFECYCLES[tld] ?? GTLD_LIFECYCLE) : GTLD_LIFECYCLE;
}

const stated = (at: Date | null): TimelineDate | null =>
  at === null ? null : { at: at.toISOString(), kind: 'stated' };
const estimated = (at: Date): TimelineDate => ({ at: at.toISOString(), kind: 'estimated' });
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

type Phase = 'grace' | 'redemption' | 'deletion';

/** The phases a domain in this stage has not finished yet, earliest first. */
const UNFINISHED: Partial<Record<Stage, Phase[]>> = {
  grace: ['grace', 'redemption', 'deletion'],
  redemption: ['redemption', 'deletion'],
  pending_delete: ['deletion'],
};

export function buildTimeline(rdap: RdapDomain | null, stage: Stage, ctx: Pick<ClassifyContext, 'now'>): Timeline {
  const timeline: Timeline = {
    registeredAt: stated(rdap?.registeredAt ?? null),
    expiresAt: stated(rdap?.expiresAt ?? null),
    graceEndsAt: null,
    redemptionEndsAt: null,
    deletionAt: stated(rdap?.deletionAt ?? null),
  };
  const expiry = rdap?.expiresAt ?? null;
  // No projection without a stated expiry (some registries publish none; inventing one would show a
  // reviewer a deadline nobody set), for a "never expires" date, or for a registration that is not
  // the one being watched (a new holder's dates say nothing about the old one's lapse).
  if (rdap === null || expiry === null || isFarFuture(expiry) || stage === 're_registered' || stage === 'available') {
    return timeline;
  }
  const rules = lifecycleFor(rdap.ldhName);
  const graceEnds = addDays(expiry, rules.graceDays);
  const redemptionEnds = rules.redemptionDays === null ? graceEnds : addDays(graceEnds, rules.redemptionDays);
  const deletion = addDays(redemptionEnds, rules.pendingDeleteDays);

  const ends: Record<Phase, Date> = { grace: graceEnds, redemption: redemptionEnds, deletion };
  // An estimate already in the past for the phase the domain is still in proves this registry (or
  // registrar) does not follow the standard periods; every later estimate hangs on it. Say "unknown"
  // rather than show deadlines that have gone by.
  const unfinished = UNFINISHED[stage] ?? [];
  const current = unfinished[0];
  const stale = new Set<Phase>(current !== undefined && ends[current].getTime() < ctx.now.getTime() ? unfinished : []);
  const keep = (phase: Phase) => (stale.has(phase) ? null : estimated(ends[phase]));
  timeline.graceEndsAt = keep('grace');
  timeline.redemptionEndsAt = rules.redemptionDays === null ? null : keep('redemption');
  timeline.deletionAt ??= keep('deletion');
  return timeline;
}
