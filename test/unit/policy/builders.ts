import type { Classification, Stage } from '@/core/domains';
import { type AddressState, type DomainState, decidePolicy, type PolicyAction } from '@/lib/policy/decide';
import { DEFAULT_POLICY_SETTINGS, type PolicySettings } from '@/lib/policy/settings';

export const REGISTERED = new Date('2015-03-01T10:00:00Z');
export const EXPIRES = new Date('2026-02-01T10:00:00Z');
export const VERIFIED = new Date('2024-05-05T05:05:05Z');

export function cls(stage: Stage, over: Partial<Classification> = {}): Classification {
  const timeline = { registeredAt: null, expiresAt: null, graceEndsAt: null, redemptionEndsAt: null, deletionAt: null };
  return {
    stage,
    evidence: [],
    timeline,
    handle: 'H-1',
    registeredAt: REGISTERED,
    expiresAt: EXPIRES,
    registrar: 'R',
    ...over,
  };
}

export const address = (emailId: number, over: Partial<AddressState> = {}): AddressState => ({
  emailId,
  verified: true,
  verifiedAt: VERIFIED,
  openFlag: null,
  unverifyReason: null,
  ...over,
});

export function domain(addresses: AddressState[], over: Partial<DomainState> = {}): DomainState {
  return { domain: 'example.com', stage: 'active', registeredAt: REGISTERED, handle: 'H-1', addresses, ...over };
}

/** The check's clock: 20 days before EXPIRES, inside the default 30-day warning window. */
export const NOW = new Date('2026-01-12T10:00:00Z');

export const decide = (
  state: DomainState,
  c: Classification,
  settings: PolicySettings = DEFAULT_POLICY_SETTINGS,
  now: Date = NOW,
) => decidePolicy(state, c, settings, now);
export const types = (actions: PolicyAction[]) => actions.map((a) => a.type);
export const lapsedFlag = (id: number, stage: Stage = 'redemption') => ({ id, state: 'open' as const, stage });

/** What the worker does with the actions (minus notifications, which the outbox dedupes by key). */
export function apply(state: DomainState, actions: PolicyAction[], c: Classification): DomainState {
  let nextFlagId = 1000;
  const addresses = state.addresses.map((a) => {
    let next = { ...a };
    for (const action of actions) {
      if (!('emailId' in action) || action.emailId !== a.emailId) continue;
      if (action.type === 'unverify') next = { ...next, verified: false, unverifyReason: 'domain_lifecycle' };
      if (action.type === 'open_flag')
        next = { ...next, openFlag: { id: nextFlagId++, state: 'open', stage: action.stage } };
      if (action.type === 'resolve_flag') next = { ...next, openFlag: null };
      if (action.type === 'escalate_flag' && next.openFlag)
        next = { ...next, openFlag: { ...next.openFlag, stage: action.stage } };
    }
    return next;
  });
  // `unknown` keeps the stored registration; every other answer replaces it.
  if (c.stage === 'unknown') return { ...state, addresses };
  return { ...state, stage: c.stage, registeredAt: c.registeredAt, handle: c.handle, addresses };
}
