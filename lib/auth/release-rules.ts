import type { Role } from '@/db/schema/enums';
import type { Stage } from '@/core/domains';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { can } from './permissions';

// Who may "release" a flag — let its address receive password resets again — at which stage of its
// domain. Two verbs release: rejecting a flag held for review (the address, still verified, stays
// verified) and the restore_verified override (the address is verified again). Both hand password
// resets to whoever holds the domain, so they follow the same rule per stage. Pure data and pure
// functions: the verbs enforce it, the dashboard's dialogs read it to explain before anyone submits.

/** staff: any role with flags.review / flags.override; admin_with_reason: an admin, who must say why; nobody: refused for every role. */
export type RoleRule = 'staff' | 'admin_with_reason' | 'nobody';
export type ReleaseVerb = 'reject' | 'restore';

const STAFF = { reject: 'staff', restore: 'staff' } as const;

export const RELEASE_RULES: Record<Stage, { reject: RoleRule; restore: RoleRule }> = {
  // Still the owner's registration (or not known to be otherwise): a reviewer may judge the scan wrong.
  active: STAFF,
  expiring: STAFF,
  grace: STAFF,
  // The owner can still restore the domain from redemption; staff may vouch for that (as before).
  redemption: STAFF,
  // Not checked yet (a failed check keeps the last known stage): it says nothing either way, so the
  // flag's own stage decides (ruleOf takes the stricter of the two).
  unknown: STAFF,
  // The name is gone or going: anyone can (or within days can) register it. Nothing to restore.
  pending_delete: { reject: 'nobody', restore: 'nobody' },
  available: { reject: 'nobody', restore: 'nobody' },
  // Someone registered it after the address was verified: maybe the owner again, maybe a stranger.
  re_registered: { reject: 'admin_with_reason', restore: 'admin_with_reason' },
};

/** Why a stage is guarded, after "<domain>: " in a refusal. */
const WHY: Partial<Record<Stage, string>> = {
  pending_delete: 'being deleted by the registry, so anyone can register it within days: there is nothing to restore',
  available:
    'no longer registered, so anyone can register it and receive the password resets: there is nothing to restore',
  re_registered:
    'registered again after the address was verified, so someone else may hold it now and would receive the password resets',
};

const STRICTNESS: Record<RoleRule, number> = { staff: 0, admin_with_reason: 1, nobody: 2 };
const stricter = (a: RoleRule, b: RoleRule) => (STRICTNESS[a] >= STRICTNESS[b] ? a : b);

/** What a rule needs to know about one flag. */
export interface ReleaseTarget {
  domain: string;
  /** The stage the flag was raised at (or escalated to). */
  stage: Stage;
  /** The domain's stage now. */
  domainStage: Stage;
}

/**
 * The rule for one flag: the stricter of its own stage and its domain's current stage. They agree
 * after every scan; when they do not (a scan in between, a hand edit), the safer reading wins.
 */
export function ruleOf(verb: ReleaseVerb, t: ReleaseTarget): RoleRule {
  return stricter(RELEASE_RULES[t.stage][verb], RELEASE_RULES[t.domainStage][verb]);
}

/** The strictest rule over a selection ('staff' when empty). */
export function strictestRule(verb: ReleaseVerb, targets: readonly ReleaseTarget[]): RoleRule {
  return targets.reduce<RoleRule>((rule, t) => stricter(rule, ruleOf(verb, t)), 'staff');
}

/** Who is asking: a signed-in role, or an operator (the CLI, a job), trusted like an admin as before. */
export type Releaser = Role | 'operator';

export interface ReleaseRefusal {
  code: 'forbidden' | 'invalid_input';
  message: string;
  fields?: Record<string, string>;
}

const RESCAN =
  'If the scan was wrong, rescan the domain: the flag resolves itself once the domain is found registered to its owner.';
const ACTS: Record<ReleaseVerb, { nobody: string; admin: string }> = {
  reject: {
    nobody: `Nobody may reject a held flag there (that would keep its address verified). Confirm the flag instead. ${RESCAN}`,
    admin: 'Only an admin may reject these held flags (keeping the addresses verified), and only with a reason.',
  },
  restore: {
    nobody: `Nobody may restore an address there. Keep it unverified instead. ${RESCAN}`,
    admin: 'Only an admin may restore these addresses. An admin must give a reason and type the domain’s name.',
  },
};

function byStage(verb: ReleaseVerb, targets: readonly ReleaseTarget[], rule: RoleRule): Map<Stage, string[]> {
  const out = new Map<Stage, string[]>();
  for (const t of targets) {
    if (ruleOf(verb, t) !== rule) continue;
    // Name the stage that imposes the rule (the domain's own when both do).
    const stage = RELEASE_RULES[t.domainStage][verb] === rule ? t.domainStage : t.stage;
    const domains = out.get(stage) ?? [];
    if (!domains.includes(t.domain)) domains.push(t.domain);
    out.set(stage, domains);
  }
  return out;
}

const why = (stage: Stage) => WHY[stage] ?? `at a stage (${stage}) that does not allow it`;

/**
 * Refusal for this releaser and selection, reason aside (the dialogs call this before a reason is
 * typed); null when allowed. A selection is refused whole: one flag the releaser may not release
 * refuses all of them, so nothing is half done and nothing is skipped silently.
 */
export function releaseRefusal(
  who: Releaser,
  verb: ReleaseVerb,
  targets: readonly ReleaseTarget[],
): ReleaseRefusal | null {
  const gone = byStage(verb, targets, 'nobody');
  if (gone.size > 0) {
    const parts = [...gone].map(([stage, domains]) => `${domains.join(', ')}: ${why(stage)}.`);
    return { code: 'forbidden', message: `${parts.join(' ')} ${ACTS[verb].nobody}` };
  }
  const guarded = byStage(verb, targets, 'admin_with_reason');
  if (guarded.size === 0 || who === 'operator' || can(who, 'flags.restore_reregistered')) return null;
  const parts = [...guarded].map(([stage, domains]) => `${domains.join(', ')}: ${why(stage)}.`);
  return { code: 'forbidden', message: `${parts.join(' ')} ${ACTS[verb].admin}` };
}

export const MIN_RELEASE_REASON = 5;

/** Whether this selection needs a reason from whoever releases it. */
export const needsReason = (verb: ReleaseVerb, targets: readonly ReleaseTarget[]) =>
  strictestRule(verb, targets) === 'admin_with_reason';

/** The full check a verb runs: role and stage first, then the reason an admin_with_reason rule asks for. */
export function releaseCheck(
  who: Releaser,
  verb: ReleaseVerb,
  targets: readonly ReleaseTarget[],
  reason: string | null | undefined,
): ReleaseRefusal | null {
  const refusal = releaseRefusal(who, verb, targets);
  if (refusal) return refusal;
  const guarded = byStage(verb, targets, 'admin_with_reason');
  if (guarded.size > 0 && (reason?.trim().length ?? 0) < MIN_RELEASE_REASON) {
    const parts = [...guarded].map(([stage, domains]) => `${domains.join(', ')}: ${why(stage)}.`);
    const domains = [...guarded.values()].flat();
    return {
      code: 'invalid_input',
      message: `Give a reason (at least ${MIN_RELEASE_REASON} characters) to release these flags; it is recorded with the decision. ${parts.join(' ')}`,
      fields: { reason: `a reason is required for ${domains.join(', ')}` },
    };
  }
  return null;
}

/** For the verbs: throws the refusal as a typed error, so a direct call is refused like a dashboard one. */
export function assertMayRelease(
  actor: Actor,
  verb: ReleaseVerb,
  targets: readonly ReleaseTarget[],
  reason: string | null | undefined,
): void {
  const refusal = releaseCheck(actor.type === 'user' ? actor.role : 'operator', verb, targets, reason);
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.fields);
}
