import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '@/core/domains';
import type { DomainState } from '@/lib/policy/decide';
import { REGISTERED, address, apply, cls, decide, domain, lapsedFlag, types } from './builders';

// Domains that come back, domains that do not, and what a second run on the result does.

describe('renewal', () => {
  const lapsed = (stage: Stage = 'redemption', over: Partial<DomainState> = {}) =>
    domain(
      [
        address(1, { verified: false, unverifyReason: 'domain_lifecycle', openFlag: lapsedFlag(11, stage) }),
        address(2, { verified: false, unverifyReason: 'domain_lifecycle', openFlag: null }),
        address(3, { openFlag: { id: 13, state: 'overridden', stage } }),
      ],
      { stage, ...over },
    );

  it.each<Stage>(['active', 'expiring'])(
    'back to %s under the same registration: flags resolved as renewed, nothing re-verified',
    (stage) => {
      const actions = decide(lapsed(), cls(stage));
      expect(actions.filter((a) => a.type === 'resolve_flag')).toEqual([
        { type: 'resolve_flag', flagId: 11, emailId: 1, resolution: 'renewed' },
      ]);
      expect(types(actions).filter((t) => t !== 'resolve_flag' && t !== 'notify')).toEqual([]);
      expect(actions.some((a) => a.type === 'notify' && a.emailId !== 3)).toBe(false);
    },
  );

  it('resolves flags from grace and pending delete too', () => {
    expect(types(decide(lapsed('pending_delete'), cls('active')))).toEqual(['resolve_flag']);
  });

  it('keeps flags when the registration is not provably the same', () => {
    expect(types(decide(lapsed(), cls('active', { handle: 'H-2' })))).toEqual(['none']);
    expect(types(decide(lapsed(), cls('active', { registeredAt: new Date('2025-01-01T00:00:00Z') })))).toEqual([
      'none',
    ]);
    expect(types(decide(lapsed('redemption', { handle: null, registeredAt: null }), cls('active')))).toEqual(['none']);
  });

  it('a re_registered domain never restores anything, on this check or a later one', () => {
    const state = lapsed('redemption');
    const first = cls('re_registered', { handle: 'NEW', registeredAt: new Date('2025-12-01T00:00:00Z') });
    const actions = decide(state, first);
    // Address 3's override was made at redemption; a new holder is worse, so it is acted on.
    expect(types(actions)).toEqual(['escalate_flag', 'unverify', 'open_flag', 'notify']);
    const afterwards = apply(state, actions, first);
    // The stored registration is now the new holder's; the next check finds it "the same".
    const next = cls('active', { handle: 'NEW', registeredAt: new Date('2025-12-01T00:00:00Z') });
    expect(types(decide(afterwards, next))).toEqual(['none']);
    expect(types(decide({ ...afterwards, stage: 'active' }, next))).toEqual(['none']);
  });

  it('never resolves a flag raised at available', () => {
    expect(types(decide(lapsed('available', { stage: 'active' }), cls('active')))).toEqual(['none']);
  });

  it('there is no re-verify action at all', () => {
    const all = STAGES.flatMap((stage) => decide(lapsed(), cls(stage)));
    expect(new Set(types(all))).toEqual(
      new Set(['resolve_flag', 'none', 'notify', 'escalate_flag', 'unverify', 'open_flag']),
    );
    // …and the only addresses unverified are the verified one whose override does not cover the stage.
    expect(new Set(all.flatMap((a) => (a.type === 'unverify' ? [a.emailId] : [])))).toEqual(new Set([3]));
  });

  it('resolves after an outage in between (stored stage unknown)', () => {
    expect(types(decide(lapsed('redemption', { stage: 'unknown' }), cls('active')))).toEqual(['resolve_flag']);
  });

  it('does not resolve when the lapse was never seen (stored stage already active)', () => {
    expect(types(decide(lapsed('redemption', { stage: 'active' }), cls('active')))).toEqual(['none']);
  });
});

describe('idempotence', () => {
  const flagArb = fc.option(
    fc.record({
      id: fc.nat(),
      state: fc.constantFrom('open' as const, 'pending_review' as const, 'overridden' as const),
      stage: fc.constantFrom(...STAGES),
    }),
  );
  const addressArb = fc.record({
    emailId: fc.nat(),
    verified: fc.boolean(),
    verifiedAt: fc.option(fc.date({ noInvalidDate: true })),
    openFlag: flagArb,
    unverifyReason: fc.option(
      fc.constantFrom('domain_lifecycle' as const, 'user' as const, 'staff' as const, 'bounce' as const),
    ),
  });
  const stateArb = fc.record({
    domain: fc.domain(),
    stage: fc.option(fc.constantFrom(...STAGES)),
    registeredAt: fc.option(fc.constantFrom(REGISTERED, new Date('2025-12-01T00:00:00Z'))),
    handle: fc.option(fc.constantFrom('H-1', 'H-2')),
    addresses: fc.uniqueArray(addressArb, { selector: (a) => a.emailId, maxLength: 5 }),
  });
  const classificationArb = fc
    .record({
      stage: fc.constantFrom(...STAGES),
      handle: fc.option(fc.constantFrom('H-1', 'H-2')),
      registeredAt: fc.option(fc.constantFrom(REGISTERED, new Date('2025-12-01T00:00:00Z'))),
    })
    .map(({ stage, ...over }) => cls(stage, over));

  it('deciding again on the state the actions produced adds no unverify, flag or flag change, and repeats only known notices', () => {
    fc.assert(
      fc.property(stateArb, classificationArb, (state, c) => {
        const first = decide(state, c);
        const second = decide(apply(state, first, c), c);
        expect(
          second.filter((a) => ['unverify', 'open_flag', 'resolve_flag', 'escalate_flag'].includes(a.type)),
        ).toEqual([]);
        const firstKeys = new Set(first.flatMap((a) => (a.type === 'notify' ? [a.dedupeKey] : [])));
        for (const a of second) if (a.type === 'notify') expect(firstKeys.has(a.dedupeKey)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never unverifies or flags on unknown, whatever the state', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(types(decide(state, cls('unknown')))).toEqual(['none']);
      }),
    );
  });
});
