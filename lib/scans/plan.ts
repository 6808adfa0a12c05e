import type { DbOrTx } from '@/db/connect';
import type { Domain } from '@/db/schema';
import type { Classification, Stage } from '@/core/domains';
import type { CheckedDomain } from '@/lib/domains/check';
import { decidePolicy, isSameRegistration, type PolicyAction } from '@/lib/policy/decide';
import type { PolicySettings } from '@/lib/policy/settings';
import { type AddressRow, loadAddressesOf, toDomainState } from './domain-state';

// The first half of applying a batch of check results: what the policy decides for each domain,
// from one read of the addresses involved. Nothing is written here (apply.ts writes the plans).

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
    // The reminder step is read on the clock the classification was made with.
    const actions = decidePolicy(toDomainState(domain, addresses), classification, settings, checkStartedAt);
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
