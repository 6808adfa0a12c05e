import type { Classification, Stage } from '@/core/domains';
import { reminderKey, reminderStep } from '@/lib/policy/reminders';
import type { PolicyActionKind, PolicySettings } from '@/lib/policy/settings';
import type { AddressState, DomainState, FlagState, PolicyAction } from '@/lib/policy/types';

// What to do about one domain's addresses after a check. Pure: the worker loads the state, calls
// this, applies the actions in one transaction (and the run-wide blast-radius check), and audits.
//
// Invariants:
// - Nothing is ever re-verified. A domain that comes back under the same registration resolves its
//   flags as "renewed"; the owners re-verify by link, which proves they read the mailbox again.
// - `unknown` does nothing: it means the sources failed, and a provider outage must neither unverify
//   nor restore anyone.
// - Running this again on the state the actions produced yields no new unverify or flag, and the same
//   notification keys (the outbox drops repeats).

export type {
  AddressState,
  DomainState,
  FlagState,
  NotificationKind,
  PolicyAction,
  UnverifyReason,
} from '@/lib/policy/types';

/** How far a lapse has gone; an override made at one stage does not cover a later one. */
export const SEVERITY: Record<Stage, number> = {
  unknown: 0,
  active: 0,
  expiring: 1,
  grace: 2,
  redemption: 3,
  pending_delete: 4,
  available: 5,
  re_registered: 6,
};

const LIVE_FLAG_STATES: readonly FlagState[] = ['open', 'pending_review'];
/**
 * Flags a renewal may close. Once a domain was free to register (available) or held by someone new
 * (re_registered), "the same registration is back" cannot be true of the registration that lapsed:
 * the stored registration is by then the new one. Escalation keeps such flags marked for a human.
 */
const RENEWABLE_FLAG_STAGES: readonly Stage[] = ['expiring', 'grace', 'redemption', 'pending_delete'];
const iso = (d: Date | null) => (d === null ? 'none' : d.toISOString());

/**
 * Same registration as before: nothing contradicts it (a known date or handle that differs) and at
 * least one of the two is known on both sides and matches. Dates must match exactly, unlike the
 * classifier's tolerance: a doubt here only leaves a flag for a human, never unverifies anyone.
 */
export function isSameRegistration(
  previous: Pick<DomainState, 'registeredAt' | 'handle'>,
  now: Classification,
): boolean {
  const dates =
    previous.registeredAt && now.registeredAt ? previous.registeredAt.getTime() === now.registeredAt.getTime() : null;
  const handles = previous.handle && now.handle ? previous.handle.toLowerCase() === now.handle.toLowerCase() : null;
  return dates !== false && handles !== false && (dates === true || handles === true);
}

function overrideCovers(address: AddressState, stage: Stage): boolean {
  const flag = address.openFlag;
  return flag?.state === 'overridden' && SEVERITY[stage] <= SEVERITY[flag.stage];
}

function hasLiveFlag(address: AddressState): boolean {
  return address.openFlag !== null && LIVE_FLAG_STATES.includes(address.openFlag.state);
}

function warn(domain: DomainState, c: Classification, when: WarnClock): PolicyAction[] {
  // An expiring domain is warned on the owner's calendar (30, 7, 1 days before the stated expiry,
  // each once); in grace, once per expiry date. A renewal moves the date and re-arms them.
  const step = c.stage === 'expiring' && c.expiresAt ? reminderStep(c.expiresAt, when.now, when.windowDays) : null;
  return domain.addresses
    .filter((a) => a.verified && !overrideCovers(a, c.stage))
    .map((a) =>
      step !== null && c.expiresAt
        ? {
            type: 'notify' as const,
            emailId: a.emailId,
            kind: 'domain_expiring' as const,
            stage: c.stage,
            dedupeKey: reminderKey(domain.domain, c.expiresAt, step, a.emailId),
            reminderDays: step,
          }
        : {
            type: 'notify' as const,
            emailId: a.emailId,
            kind: 'domain_expiring' as const,
            stage: c.stage,
            dedupeKey: `domain_expiring:${domain.domain}:${c.stage}:${iso(c.expiresAt)}:${a.emailId}`,
          },
    );
}

interface WarnClock {
  now: Date;
  windowDays: number;
}

function unverify(domain: DomainState, c: Classification): PolicyAction[] {
  const actions: PolicyAction[] = [];
  for (const a of domain.addresses) {
    // Already unverified (by us on an earlier run, by the user, by staff, by a bounce): it cannot be
    // used for recovery, so there is nothing to block and no flag to raise; the domain's own stage
    // and evidence stay visible. A staff override in force is a human decision the engine keeps.
    if (!a.verified || overrideCovers(a, c.stage)) continue;
    actions.push({ type: 'unverify', emailId: a.emailId, reason: 'domain_lifecycle', stage: c.stage });
    if (!hasLiveFlag(a)) actions.push({ type: 'open_flag', emailId: a.emailId, stage: c.stage, state: 'open' });
    actions.push({
      type: 'notify',
      emailId: a.emailId,
      kind: 'address_unverified',
      stage: c.stage,
      // Keyed by the verification being revoked: a later re-verification and lapse is a new notice.
      dedupeKey: `address_unverified:${domain.domain}:${a.emailId}:${iso(a.verifiedAt)}`,
    });
  }
  return actions;
}

/**
 * Flags store no registration, so "the registration that lapsed is back" is judged on the transition
 * this check sees: the stored stage was a worse one that can end in renewal (or `unknown`, an outage
 * in between), and the registration matches the stored one. A domain already stored at this stage or
 * better, or as available / re_registered (the stored registration is then the new holder's),
 * resolves nothing.
 */
function observedRecovery(previous: Stage | null, now: Stage): boolean {
  if (previous === 'unknown') return true;
  return previous !== null && RENEWABLE_FLAG_STAGES.includes(previous) && SEVERITY[previous] > SEVERITY[now];
}

function resolveRenewed(domain: DomainState): PolicyAction[] {
  return domain.addresses.flatMap((a) =>
    a.openFlag && hasLiveFlag(a) && RENEWABLE_FLAG_STAGES.includes(a.openFlag.stage)
      ? [{ type: 'resolve_flag' as const, flagId: a.openFlag.id, emailId: a.emailId, resolution: 'renewed' as const }]
      : [],
  );
}

function escalate(domain: DomainState, stage: Stage): PolicyAction[] {
  return domain.addresses.flatMap((a) =>
    a.openFlag && hasLiveFlag(a) && SEVERITY[stage] > SEVERITY[a.openFlag.stage]
      ? [{ type: 'escalate_flag' as const, flagId: a.openFlag.id, emailId: a.emailId, stage }]
      : [],
  );
}

const ACT: Record<PolicyActionKind, (d: DomainState, c: Classification, when: WarnClock) => PolicyAction[]> = {
  none: () => [],
  warn,
  unverify,
};

/** `now` is the check's clock: which reminder step an expiring domain is in. */
export function decidePolicy(
  previous: DomainState,
  classification: Classification,
  settings: PolicySettings,
  now: Date,
): PolicyAction[] {
  const { stage } = classification;
  if (stage === 'unknown') return [{ type: 'none', reason: 'stage unknown: the sources gave no usable answer' }];

  const actions: PolicyAction[] = [];
  if (stage === 'active' || stage === 'expiring') {
    if (observedRecovery(previous.stage, stage) && isSameRegistration(previous, classification)) {
      actions.push(...resolveRenewed(previous));
    }
  } else {
    actions.push(...escalate(previous, stage));
  }
  actions.push(
    ...ACT[settings.stageActions[stage]](previous, classification, { now, windowDays: settings.warningWindowDays }),
  );
  return actions.length > 0 ? actions : [{ type: 'none', reason: `nothing to do at stage ${stage}` }];
}
